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
/// canvas takes, through the same PNG path as /api/recognize.
/// </summary>
public static class CanvasAccuracyBenchmark
{
    public static async Task<CanvasAccuracy> RunAsync(ComposedCanvases composer, IGlyphClassifier classifier, int count, int seed, LayoutModel? layout = null)
    {
        var random = new Random(seed);
        var canvases = Enumerable.Range(0, count).Select(_ => composer.Next(random)).Select(c => (PngFiles.TransparentInk(c.Ink), string.Concat(c.Labels)));
        return await MeasureAsync(canvases, classifier, layout);
    }

    public static async Task<CanvasAccuracy> RunSingleDigitsAsync(string dataDirectory, IGlyphClassifier classifier, int seed, LayoutModel? layout = null)
    {
        var random = new Random(seed);
        var canvases = ComposedCanvases.BhmsdsHeldOutDigits(dataDirectory).Select(d => (PngFiles.TransparentInk(ComposedCanvases.Alone(d.Glyph, random)), d.Label));
        return await MeasureAsync(canvases, classifier, layout);
    }

    private static async Task<CanvasAccuracy> MeasureAsync(IEnumerable<(byte[] Png, string Truth)> canvases, IGlyphClassifier classifier, LayoutModel? layout)
    {
        int count = 0, right = 0;
        var misreads = new List<string>();
        var clock = new Stopwatch();
        foreach (var (png, truth) in canvases)
        {
            count++;
            clock.Start();
            var recognition = await CanvasRecognizer.RecognizeAsync(png, classifier, layout: layout);
            clock.Stop();
            string read = string.Concat(recognition.Symbols.Select(s => s.Label));
            if (read == truth) right++;
            else if (misreads.Count < 40) misreads.Add($"{truth} → {read}");
        }
        return new CanvasAccuracy(count, right, (double)right / Math.Max(1, count), clock.Elapsed.TotalMilliseconds / Math.Max(1, count), misreads);
    }
}
