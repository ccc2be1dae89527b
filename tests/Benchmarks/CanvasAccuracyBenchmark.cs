using System.Diagnostics;
using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Reading;
using MathCluster.TestSupport;

namespace MathCluster.Benchmarks;

public sealed record CanvasAccuracy(int Canvases, int ExactlyRight, double Accuracy, double MillisecondsPerCanvas, IReadOnlyList<string> Misreads);

/// <summary>
/// Whole-canvas recognition on expressions composed from held-out glyphs (<see cref="ComposedCanvases"/>), and on single
/// held-out BHMSDS digits each alone on a canvas: how often the expression comes back exactly right, and how long a
/// canvas takes, through the same PNG or stroke path as /api/recognize.
/// </summary>
public static class CanvasAccuracyBenchmark
{
    /// <param name="asStrokes">Read each canvas from its strokes, as the drawing page sends it, instead of as a PNG.</param>
    public static async Task<CanvasAccuracy> RunAsync(ComposedCanvases composer, IGlyphClassifier classifier, int count, int seed, LayoutModel? layout = null, bool asStrokes = false)
    {
        var random = new Random(seed);
        var canvases = Enumerable.Range(0, count).Select(_ => composer.Next(random)).Select(c => asStrokes
            ? ((Func<Task<CanvasRecognition>>)(() => CanvasRecognizer.RecognizeAsync(c.Strokes, classifier, layout: layout)), string.Concat(c.Labels))
            : (Png(PngFiles.TransparentInk(c.Ink), classifier, layout), string.Concat(c.Labels)));
        return await MeasureAsync(canvases);
    }

    public static async Task<CanvasAccuracy> RunSingleDigitsAsync(string dataDirectory, IGlyphClassifier classifier, int seed, LayoutModel? layout = null)
    {
        var random = new Random(seed);
        var canvases = ComposedCanvases.BhmsdsHeldOutDigits(dataDirectory).Select(d => (Png(PngFiles.TransparentInk(ComposedCanvases.Alone(d.Glyph, random)), classifier, layout), d.Label));
        return await MeasureAsync(canvases);
    }

    private static Func<Task<CanvasRecognition>> Png(byte[] png, IGlyphClassifier classifier, LayoutModel? layout) =>
        () => CanvasRecognizer.RecognizeAsync(png, classifier, layout: layout);

    /// <summary>Reads each canvas (timing only the reading; the PNG or strokes are made before the clock starts).</summary>
    private static async Task<CanvasAccuracy> MeasureAsync(IEnumerable<(Func<Task<CanvasRecognition>> Read, string Truth)> canvases)
    {
        int count = 0, right = 0;
        var misreads = new List<string>();
        var clock = new Stopwatch();
        foreach (var (read, truth) in canvases)
        {
            count++;
            clock.Start();
            var recognition = await read();
            clock.Stop();
            string labels = string.Concat(recognition.Symbols.Select(s => s.Label));
            if (labels == truth) right++;
            else if (misreads.Count < 40) misreads.Add($"{truth} → {labels}");
        }
        return new CanvasAccuracy(count, right, (double)right / Math.Max(1, count), clock.Elapsed.TotalMilliseconds / Math.Max(1, count), misreads);
    }
}
