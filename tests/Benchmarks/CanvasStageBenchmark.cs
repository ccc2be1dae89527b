using System.Diagnostics;
using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Segmentation;

namespace MathCluster.Benchmarks;

/// <summary>Mean milliseconds of each pipeline stage for one canvas, in process on one thread.</summary>
public sealed record CanvasStages(double Decode, double Segment, double Normalise, double Classify)
{
    public double Total => Decode + Segment + Normalise + Classify;
}

/// <summary>
/// Where the CPU of one /api/recognize goes, stage by stage, on the same 5-symbol canvas (c) sends. With every core
/// busy, a closed loop of N clients waits at least N x (this + HTTP) / cores per request, whatever the server does.
/// </summary>
public static class CanvasStageBenchmark
{
    public static CanvasStages Run(byte[] png, OnnxGlyphClassifier classifier, int repetitions = 500)
    {
        double decode = 0, segment = 0, normalise = 0, classify = 0;
        for (int i = -repetitions / 5; i < repetitions; i++)
        {
            long start = Stopwatch.GetTimestamp();
            var canvas = CanvasDecoder.Decode(png);
            long decoded = Stopwatch.GetTimestamp();
            var symbols = CanvasSegmenter.Segment(canvas);
            long segmented = Stopwatch.GetTimestamp();
            var glyphs = GlyphNormalizer.NormalizeBatch(symbols.Select(s => s.Glyph).ToList());
            long normalised = Stopwatch.GetTimestamp();
            classifier.Predict(glyphs, symbols.Count);
            long classified = Stopwatch.GetTimestamp();
            if (i < 0) continue; // warm-up
            decode += Stopwatch.GetElapsedTime(start, decoded).TotalMilliseconds;
            segment += Stopwatch.GetElapsedTime(decoded, segmented).TotalMilliseconds;
            normalise += Stopwatch.GetElapsedTime(segmented, normalised).TotalMilliseconds;
            classify += Stopwatch.GetElapsedTime(normalised, classified).TotalMilliseconds;
        }
        return new CanvasStages(decode / repetitions, segment / repetitions, normalise / repetitions, classify / repetitions);
    }
}
