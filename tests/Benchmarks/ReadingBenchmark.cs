using System.Globalization;
using System.Text;
using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Reading;

namespace MathCluster.Benchmarks;

/// <summary>
/// Reading accuracy alone, in process: the composed canvases and single BHMSDS digits with the committed layout
/// parameters and with ablations (no layout terms; layout without the grouping terms), plus the stage rows for the
/// 5-symbol canvas as PNG and as strokes. Writes reading.md.
/// </summary>
public static class ReadingBenchmark
{
    public static async Task RunAsync(byte[] model, ModelCard card, string? dataDirectory, int canvases, string output)
    {
        using var classifier = new OnnxGlyphClassifier(model, card);
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.AppendLine(c, $"Reading benchmark of model `{card.Version}`, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, layout: {LayoutParameters.Default.Source}.");
        md.AppendLine();
        if (dataDirectory is not null)
        {
            var composer = ComposedCanvases.Load(dataDirectory);
            var neutral = LayoutParameters.Default with
            {
                Symbols = new Dictionary<string, SymbolLayout>(),
                DigitGap = new Normal(0, 1e6), OtherGap = new Normal(0, 1e6),
            };
            var variants = new (string Name, LayoutModel Layout)[]
            {
                ("labels × groupings × layout × grammar (committed)", LayoutModel.Default),
                ("without size, offset and gap terms", new LayoutModel(neutral)),
            };
            md.AppendLine("| reader | composed canvases exactly right | single BHMSDS digits right |");
            md.AppendLine("| --- | ---: | ---: |");
            foreach (var (name, layout) in variants)
            {
                var composed = await CanvasAccuracyBenchmark.RunAsync(composer, classifier, canvases, seed: 2026, layout);
                var digits = await CanvasAccuracyBenchmark.RunSingleDigitsAsync(dataDirectory, classifier, seed: 7, layout);
                md.AppendLine(c, $"| {name} | {composed.ExactlyRight}/{composed.Canvases} = {composed.Accuracy:P1} ({composed.MillisecondsPerCanvas:F1} ms/canvas) | {digits.ExactlyRight}/{digits.Canvases} = {digits.Accuracy:P2} |");
                Console.WriteLine($"{name}: composed {composed.Accuracy:P1}, digits {digits.Accuracy:P2}");
                foreach (var miss in composed.Misreads.Take(15)) Console.WriteLine($"    {miss}");
                foreach (var miss in digits.Misreads.Take(15)) Console.WriteLine($"    digit {miss}");
            }
            var asStrokes = await CanvasAccuracyBenchmark.RunAsync(composer, classifier, canvases, seed: 2026, LayoutModel.Default, asStrokes: true);
            md.AppendLine(c, $"| the committed reader on the same canvases sent as pen strokes, as the drawing page sends them | {asStrokes.ExactlyRight}/{asStrokes.Canvases} = {asStrokes.Accuracy:P1} ({asStrokes.MillisecondsPerCanvas:F1} ms/canvas) | |");
            Console.WriteLine($"as strokes: composed {asStrokes.Accuracy:P1}");
            var heldOut = ComposedCanvases.BhmsdsHeldOutDigits(dataDirectory).ToList();
            var probabilities = classifier.Predict(GlyphNormalizer.NormalizeBatch(heldOut.Select(d => d.Glyph).ToList()), heldOut.Count);
            int alone = heldOut.Where((d, i) => classifier.Classes[GlyphPrediction.BestClass(probabilities.AsSpan(i * classifier.Classes.Count, classifier.Classes.Count))] == d.Label).Count();
            md.AppendLine(c, $"| the model alone on each raw held-out BHMSDS digit (no canvas, no reader) | | {alone}/{heldOut.Count} = {(double)alone / heldOut.Count:P2} |");
            md.AppendLine();
        }
        var report = new BenchmarkReport
        {
            When = DateTimeOffset.UtcNow,
            Machine = $"{Environment.ProcessorCount} cores",
            ModelVersion = card.Version,
            RawGlyphsPerSecond = new Dictionary<int, double>(),
            RecognizeLatency = new Dictionary<int, LatencySummary>(),
            Stages = CanvasStageBenchmark.RunPng(HttpBenchmarks.FiveSymbolCanvas(), classifier),
            StrokeStages = CanvasStageBenchmark.RunStrokes(HttpBenchmarks.FiveSymbolStrokes(), classifier),
        };
        md.AppendLine("| measurement | value | |");
        md.AppendLine("| --- | ---: | ---: |");
        md.Append(report.StageRows());
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "reading.md"), md.ToString());
        Console.WriteLine();
        Console.WriteLine(md);
    }
}
