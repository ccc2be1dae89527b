using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MathCluster.Benchmarks;

/// <summary>Another model's raw rate and this model's, from the same interleaved passes.</summary>
public sealed record BaselineModelRate(string ModelVersion, int Batch, double GlyphsPerSecond, double ThisModelGlyphsPerSecond);

/// <summary>Everything one benchmark run measured, on one model and one machine.</summary>
public sealed record BenchmarkReport
{
    public required DateTimeOffset When { get; init; }
    public required string Machine { get; init; }
    public required string ModelVersion { get; init; }
    public required IReadOnlyDictionary<int, double> RawGlyphsPerSecond { get; init; }
    /// <summary>Another model's raw rate measured in the same run (e.g. the previous default), for a fair comparison.</summary>
    public BaselineModelRate? Baseline { get; init; }
    public double? InferBinaryGlyphsPerSecond { get; init; }
    public double? InferJsonGlyphsPerSecond { get; init; }
    /// <summary>The serving process's CPU per 256-glyph binary request, over (b)'s measured window.</summary>
    public double? InferBinaryServerCpuMilliseconds { get; init; }
    public required IReadOnlyDictionary<int, LatencySummary> RecognizeLatency { get; init; }
    public double SiloPeakMemoryMiB { get; init; }
    public CanvasAccuracy? Canvases { get; init; }
    public CanvasStages? Stages { get; init; }
    public CanvasStages? StrokeStages { get; init; }
    public CanvasAccuracy? SingleDigits { get; init; }

    public double BestRaw => RawGlyphsPerSecond.Count > 0 ? RawGlyphsPerSecond.Values.Max() : double.NaN;

    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(c, $"Benchmark of model `{ModelVersion}` on {Machine}, {When:yyyy-MM-dd HH:mm} UTC.");
        md.AppendLine();
        md.AppendLine("| measurement | value | ratio to best raw ONNX |");
        md.AppendLine("| --- | ---: | ---: |");
        foreach (var (batch, rate) in RawGlyphsPerSecond.OrderBy(kv => kv.Key))
            md.AppendLine(c, $"| (a) raw ONNX Runtime in process, batch {batch} | {rate:N0} glyphs/s | {rate / BestRaw:P0} |");
        if (Baseline is { } baseline)
            md.AppendLine(c, $"| (a) baseline `{baseline.ModelVersion}`, raw, batch {baseline.Batch}, same run | {baseline.GlyphsPerSecond:N0} glyphs/s (this model, same passes: {baseline.ThisModelGlyphsPerSecond / baseline.GlyphsPerSecond:P0} of it) | {baseline.GlyphsPerSecond / BestRaw:P0} |");
        if (InferBinaryGlyphsPerSecond is { } binary)
            md.AppendLine(c, $"| (b) `/v2/.../infer` over HTTP, binary tensors, batch {HttpBenchmarks.InferBatch} | {binary:N0} glyphs/s | {binary / BestRaw:P0} |");
        if (InferBinaryServerCpuMilliseconds is { } cpu && BestRaw is > 0)
        {
            // What the best raw rate spends on the same glyphs, every core busy: the serving stack's overhead is the rest.
            double rawCpu = HttpBenchmarks.InferBatch * Environment.ProcessorCount * 1000.0 / BestRaw;
            md.AppendLine(c, $"| (b) server CPU per binary request of {HttpBenchmarks.InferBatch} glyphs (raw ONNX Runtime at its best: {rawCpu:F1} ms) | {cpu:F1} ms | {rawCpu / cpu:P0} |");
        }
        if (InferJsonGlyphsPerSecond is { } json)
            md.AppendLine(c, $"| (b) `/v2/.../infer` over HTTP, JSON, batch {HttpBenchmarks.InferBatch} | {json:N0} glyphs/s | {json / BestRaw:P0} |");
        foreach (var (clients, latency) in RecognizeLatency.OrderBy(kv => kv.Key))
            md.AppendLine(c, $"| (c) `/api/recognize`, 5 symbols, {clients} client(s): p50 / p95 / p99 | {latency.P50:F1} / {latency.P95:F1} / {latency.P99:F1} ms ({latency.RequestsPerSecond:N0} req/s) | |");
        md.Append(StageRows());
        md.AppendLine(c, $"| (d) web + embedded silo process, peak resident memory | {SiloPeakMemoryMiB:N0} MiB | |");
        if (Canvases is { } canvases)
            md.AppendLine(c, $"| whole-canvas recognition, {canvases.Canvases} composed held-out canvases: expression exactly right | {canvases.Accuracy:P1} ({canvases.MillisecondsPerCanvas:F1} ms/canvas in process) | |");
        if (SingleDigits is { } digits)
            md.AppendLine(c, $"| single held-out BHMSDS digits, each alone on a canvas ({digits.Canvases}): read right | {digits.Accuracy:P2} | |");
        return md.ToString();
    }

    /// <summary>The in-process stage rows: the 5-symbol canvas as PNG and as strokes, with the strokes' share of the PNG's CPU.</summary>
    public string StageRows()
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        if (Stages is { } stages)
            md.AppendLine(c, $"| (c) one such canvas in process, one thread, PNG: decode / segment / normalise / classify / read | {stages.Decode:F2} / {stages.Segment:F2} / {stages.Normalise:F2} / {stages.Classify:F2} / {stages.Read:F2} ms ({stages.Total:F2} ms) | |");
        if (StrokeStages is { } strokes)
            md.AppendLine(c, $"| (c) the same canvas as stroke JSON: parse / segment / normalise / classify / read | {strokes.Decode:F2} / {strokes.Segment:F2} / {strokes.Normalise:F2} / {strokes.Classify:F2} / {strokes.Read:F2} ms ({strokes.Total:F2} ms, {(Stages is { } png ? strokes.Total / png.Total : double.NaN):P0} of PNG) | |");
        return md.ToString();
    }

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "benchmark.json"), JsonSerializer.Serialize(this, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        File.WriteAllText(Path.Combine(directory, "benchmark.md"), ToMarkdown());
    }
}
