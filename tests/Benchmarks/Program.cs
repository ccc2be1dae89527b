using System.CommandLine;
using MathCluster.Benchmarks;
using MathCluster.Recognition.Classification;
using MathCluster.TestSupport;
using MathCluster.Trainer.Data;

// One run measures, on the same model and machine: raw in-process ONNX Runtime, /v2 inference over HTTP,
// /api/recognize latency under concurrent clients, the serving process's peak memory and whole-canvas accuracy.
var output = new Option<string>("--out") { Description = "Folder for benchmark.json and benchmark.md", DefaultValueFactory = _ => "benchmarks-out" };
var seconds = new Option<int>("--seconds") { Description = "Measured seconds per measurement (after a 2 s warm-up)", DefaultValueFactory = _ => 8 };
var canvases = new Option<int>("--canvases") { Description = "Composed held-out canvases for the accuracy run (0 skips it; needs ../shared/data)", DefaultValueFactory = _ => 200 };
var data = new Option<string?>("--data") { Description = "Handwriting data folder (default: ../shared/data, looked for upwards)" };
var skipRaw = new Option<bool>("--skip-raw") { Description = "Skip (a), e.g. to compare serving runs (tracing on and off) quickly" };
var url = new Option<string?>("--url") { Description = "Measure only (b) and (c) against an app or cluster already running at this address (e.g. deploy/cluster.sh's)" };
var label = new Option<string>("--label") { Description = "What --url serves, for the result line (e.g. '3 silos')", DefaultValueFactory = _ => "remote" };
var baselineModel = new Option<string?>("--baseline-model") { Description = "Another ONNX model (e.g. the previous default) whose raw rate is measured in the same run, interleaved with this one's" };
var estimateLayout = new Option<string?>("--estimate-layout") { Description = "Estimate the reading model's layout parameters from composed canvases (seed 11), write them to this file and stop" };
var readingOnly = new Option<bool>("--reading-only") { Description = "Measure only reading: composed canvases, single BHMSDS digits (with ablations) and the stage rows; no HTTP" };
var hostile = new Option<bool>("--hostile") { Description = "Hostile load for 30 s: 8 clients of worst-case small inputs, 2 of real canvases (against --url, or a fresh app)" };
var coldStart = new Option<bool>("--cold-start") { Description = "Canvas rate of a fresh app in its first 5 s after readiness, against its warm rate" };
var analyseErrors = new Option<bool>("--analyse-errors") { Description = "Read the composed canvases (seed 2026), classify each misread's cause and write errors.md with every misread canvas; no HTTP" };
var strokes = new Option<bool>("--strokes") { Description = "With --analyse-errors: read the composed canvases from their pen strokes, as the drawing page sends them, instead of as PNG" };
var analysisSeed = new Option<int>("--seed") { Description = "With --analyse-errors: the composer's seed (2026 is the benchmark's canvases; 12 the layout tuning's, to check a change on canvases it was not chosen on)", DefaultValueFactory = _ => 2026 };
var modelFile = new Option<string?>("--model") { Description = "Measure this ONNX model (its card beside it) instead of the committed default, e.g. a fine-tuned candidate" };
var root = new RootCommand("Benchmarks the recognizer") { output, seconds, canvases, data, skipRaw, url, label, baselineModel, estimateLayout, readingOnly, hostile, coldStart, analyseErrors, strokes, analysisSeed, modelFile };
root.SetAction(async parse =>
{
    var duration = TimeSpan.FromSeconds(parse.GetValue(seconds));
    if (parse.GetValue(hostile))
    {
        string md;
        if (parse.GetValue(url) is { } targetUrl)
        {
            var result = await HostileLoadBenchmark.RunAsync(new Uri(targetUrl), TimeSpan.FromSeconds(30), () => double.NaN);
            md = result.ToMarkdown(parse.GetValue(label)!);
        }
        else
        {
            await using var target = await WebProcess.StartEmbeddedAsync(TimeSpan.FromSeconds(60), line => Console.Error.WriteLine("  app: " + line));
            var result = await HostileLoadBenchmark.RunAsync(target.Address, TimeSpan.FromSeconds(30), () => target.Process.PeakMemoryMiB);
            md = result.ToMarkdown("the web app with its embedded silo");
        }
        Directory.CreateDirectory(parse.GetValue(output)!);
        File.WriteAllText(Path.Combine(parse.GetValue(output)!, "hostile.md"), md);
        Console.WriteLine(md);
        return;
    }
    if (parse.GetValue(coldStart))
    {
        // This process's own HTTP code is warmed on a first app (then stopped), so the second, fresh one is measured.
        await using (var warming = await WebProcess.StartEmbeddedAsync(TimeSpan.FromSeconds(60), line => Console.Error.WriteLine("  app: " + line)))
            await ColdStartBenchmark.RunAsync(warming.Address);
        await using var fresh = await WebProcess.StartEmbeddedAsync(TimeSpan.FromSeconds(60), line => Console.Error.WriteLine("  app: " + line));
        var (first, warm) = await ColdStartBenchmark.RunAsync(fresh.Address);
        Console.WriteLine($"Canvases/s, 16 clients: first 5 s after readiness {first:N0}, warm {warm:N0} ({first / warm:P0})");
        return;
    }
    if (parse.GetValue(url) is { } remote)
    {
        var line = await RemoteBenchmark.RunAsync(new Uri(remote), RawOnnxBenchmark.SampleGlyph(), duration, parse.GetValue(label)!);
        Directory.CreateDirectory(parse.GetValue(output)!);
        File.AppendAllText(Path.Combine(parse.GetValue(output)!, "remote-benchmark.md"), line);
        Console.WriteLine(line);
        return;
    }
    var model = parse.GetValue(modelFile) is { } modelPath ? File.ReadAllBytes(modelPath) : DefaultModel.ModelBytes();
    var card = parse.GetValue(modelFile) is { } cardFor ? ModelCard.Load(ModelCard.CardPathFor(cardFor)) : DefaultModel.Card();
    if (parse.GetValue(estimateLayout) is { } parametersFile)
    {
        var from = HandwritingSources.Locate(parse.GetValue(data)) ?? throw new DirectoryNotFoundException("The handwriting data (../shared/data) is needed to estimate the layout.");
        var composer = ComposedCanvases.Load(from);
        var parameters = LayoutEstimator.Estimate(composer, parse.GetValue(canvases) * 5, seed: 11);
        using (var tuning = new OnnxGlyphClassifier(model, card))
            parameters = await LayoutEstimator.TuneSymbolBonusAsync(parameters, composer, tuning, parse.GetValue(canvases) * 5, seed: 12);
        File.WriteAllText(parametersFile, parameters.Serialize() + "\n");
        Console.WriteLine($"Layout parameters from {parameters.Canvases} composed canvases written to {parametersFile}");
        return;
    }
    if (parse.GetValue(analyseErrors))
    {
        var from = HandwritingSources.Locate(parse.GetValue(data)) ?? throw new DirectoryNotFoundException("The handwriting data (../shared/data) is needed to analyse reading errors.");
        using var classifier = new OnnxGlyphClassifier(model, card);
        await ReadingErrorAnalysis.RunAsync(ComposedCanvases.Load(from), classifier, parse.GetValue(canvases), seed: parse.GetValue(analysisSeed), parse.GetValue(output)!, parse.GetValue(strokes));
        return;
    }
    if (parse.GetValue(readingOnly))
    {
        await ReadingBenchmark.RunAsync(model, card, HandwritingSources.Locate(parse.GetValue(data)), parse.GetValue(canvases), parse.GetValue(output)!);
        return;
    }
    var glyph = RawOnnxBenchmark.SampleGlyph();

    Console.WriteLine($"Model {card.Version}, {Environment.ProcessorCount} cores, {duration.TotalSeconds:F0} s per measurement");
    var raw = new Dictionary<int, double>();
    if (!parse.GetValue(skipRaw))
    {
        Console.WriteLine("(a) raw ONNX Runtime");
        raw = RawOnnxBenchmark.Run(model, card, glyph, duration);
    }
    BaselineModelRate? baseline = null;
    if (parse.GetValue(baselineModel) is { } baselinePath)
    {
        // Interleaved passes of both models at batch 64, each keeping its best, so drift favours neither.
        var baselineBytes = File.ReadAllBytes(baselinePath);
        var baselineCard = ModelCard.Load(ModelCard.CardPathFor(baselinePath));
        double baselineRate = 0, ownRate = 0;
        for (int pass = 0; pass < 3; pass++)
        {
            baselineRate = Math.Max(baselineRate, RawOnnxBenchmark.Rate(baselineBytes, baselineCard, glyph, 64, duration));
            ownRate = Math.Max(ownRate, RawOnnxBenchmark.Rate(model, card, glyph, 64, duration));
        }
        raw[64] = Math.Max(raw.GetValueOrDefault(64), ownRate);
        baseline = new BaselineModelRate(baselineCard.Version, 64, baselineRate, ownRate);
        Console.WriteLine($"  baseline {baselineCard.Version}: {baselineRate:N0} glyphs/s at batch 64; this model {ownRate:N0} ({ownRate / baselineRate:P0})");
    }

    CanvasAccuracy? accuracy = null;
    if (parse.GetValue(canvases) > 0 && HandwritingSources.Locate(parse.GetValue(data)) is { } dataDirectory)
    {
        Console.WriteLine($"Whole-canvas accuracy on {parse.GetValue(canvases)} composed held-out canvases");
        using var classifier = new OnnxGlyphClassifier(model, card);
        accuracy = await CanvasAccuracyBenchmark.RunAsync(ComposedCanvases.Load(dataDirectory), classifier, parse.GetValue(canvases), seed: 2026);
        Console.WriteLine($"  {accuracy.ExactlyRight}/{accuracy.Canvases} exactly right ({accuracy.Accuracy:P1}), {accuracy.MillisecondsPerCanvas:F1} ms per canvas");
        foreach (var miss in accuracy.Misreads.Take(10)) Console.WriteLine($"    {miss}");
    }

    CanvasStages stages, strokeStages;
    using (var classifier = new OnnxGlyphClassifier(model, card))
    {
        stages = CanvasStageBenchmark.RunPng(HttpBenchmarks.FiveSymbolCanvas(), classifier);
        strokeStages = CanvasStageBenchmark.RunStrokes(HttpBenchmarks.FiveSymbolStrokes(), classifier);
        Console.WriteLine($"One 5-symbol canvas in process: PNG {stages.Total:F2} ms, strokes {strokeStages.Total:F2} ms");
    }

    await using var app = await WebProcess.StartEmbeddedAsync(TimeSpan.FromSeconds(60), line => Console.Error.WriteLine("  app: " + line));
    using var http = new HttpBenchmarks(app.Address);
    Console.WriteLine("Warming the server up");
    await http.WarmUpAsync(glyph, Measurement.ServerWarmUp);
    Console.WriteLine("(b) /v2 inference over HTTP");
    var binaryRun = await TryAsync(() => http.InferBinaryAsync(glyph, duration, Environment.ProcessorCount * 2, () => app.Process.ProcessorTime));
    double? binary = binaryRun?.PerSecond;
    double? json = await TryAsync(() => http.InferJsonAsync(glyph, duration, clients: Environment.ProcessorCount * 2));
    Console.WriteLine($"  binary {binary:N0} glyphs/s, JSON {json:N0} glyphs/s");
    Console.WriteLine("(c) /api/recognize latency");
    var latency = new Dictionary<int, LatencySummary>();
    foreach (int clients in new[] { 1, 4, 16 })
    {
        latency[clients] = await http.RecognizeAsync(duration, clients);
        Console.WriteLine($"  {clients,2} clients: p50 {latency[clients].P50:F1} ms, p95 {latency[clients].P95:F1} ms, p99 {latency[clients].P99:F1} ms, {latency[clients].RequestsPerSecond:N0} req/s");
    }
    if (raw.Count > 0)
    {
        // This machine's speed drifts by ±10 % within minutes: (a) keeps the better of a pass before and one after
        // the serving measurements, so a quiet moment never flatters (b)'s ratio.
        Console.WriteLine("(a) raw ONNX Runtime, second pass");
        foreach (var (batch, rate) in RawOnnxBenchmark.Run(model, card, glyph, duration))
            raw[batch] = Math.Max(raw[batch], rate);
    }

    var report = new BenchmarkReport
    {
        When = DateTimeOffset.UtcNow,
        Machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
        ModelVersion = card.Version,
        RawGlyphsPerSecond = raw,
        Baseline = baseline,
        InferBinaryGlyphsPerSecond = binary,
        InferBinaryServerCpuMilliseconds = binaryRun?.CpuMillisecondsPerCall,
        InferJsonGlyphsPerSecond = json,
        RecognizeLatency = latency,
        SiloPeakMemoryMiB = app.Process.PeakMemoryMiB,
        Canvases = accuracy,
        Stages = stages,
        StrokeStages = strokeStages,
    };
    report.Save(parse.GetValue(output)!);
    Console.WriteLine();
    Console.WriteLine(report.ToMarkdown());
});
return await root.Parse(args).InvokeAsync();

static async Task<T?> TryAsync<T>(Func<Task<T>> measure) where T : struct
{
    try
    {
        return await measure();
    }
    catch (HttpRequestException e)
    {
        Console.WriteLine($"  not measured: {e.Message}");
        return null;
    }
}
