using System.Diagnostics;
using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Reading;
using MathCluster.Recognition.Segmentation;

namespace MathCluster.Benchmarks;

/// <summary>Mean milliseconds of each pipeline stage for one canvas, in process on one thread.</summary>
public sealed record CanvasStages(double Decode, double Segment, double Normalise, double Classify, double Read)
{
    public double Total => Decode + Segment + Normalise + Classify + Read;
}

/// <summary>
/// Where the CPU of one /api/recognize goes, stage by stage, on the same 5-symbol canvas (c) sends, as a PNG and as the
/// strokes it was drawn with. Decode is PNG decoding or stroke JSON parsing; segment finds atoms, groups them and builds
/// the lattice; normalise draws and normalises every candidate. With every core busy, a closed loop of N clients waits
/// at least N x (this + HTTP) / cores per request, whatever the server does.
/// </summary>
public static class CanvasStageBenchmark
{
    public static CanvasStages RunPng(byte[] png, OnnxGlyphClassifier classifier, int repetitions = 500) =>
        Run(() => CanvasSegmenter.Atoms(CanvasDecoder.Decode(png)), classifier, repetitions);

    public static CanvasStages RunStrokes(byte[] json, OnnxGlyphClassifier classifier, int repetitions = 500) =>
        Run(() => CanvasSegmenter.Atoms(StrokeJsonReader.Read(json)), classifier, repetitions);

    private static CanvasStages Run(Func<CanvasInk> decode, OnnxGlyphClassifier classifier, int repetitions)
    {
        double decoding = 0, segment = 0, normalise = 0, classify = 0, read = 0;
        for (int i = -repetitions / 5; i < repetitions; i++)
        {
            long start = Stopwatch.GetTimestamp();
            var ink = decode();
            long decoded = Stopwatch.GetTimestamp();
            var lattice = SymbolLattice.Build(ink, CanvasSegmenter.Group(ink));
            long segmented = Stopwatch.GetTimestamp();
            var glyphs = GlyphNormalizer.NormalizeBatch(lattice.Candidates.Select(c => ink.Draw(c.Atoms, c.Box)).ToList());
            long normalised = Stopwatch.GetTimestamp();
            var probabilities = classifier.Predict(glyphs, lattice.Candidates.Count);
            long classified = Stopwatch.GetTimestamp();
            var labels = Enumerable.Range(0, lattice.Candidates.Count)
                .Select(c => GlyphPrediction.FromProbabilities(probabilities, c, classifier.Classes, ReadingSearch.LabelsPerCandidate - 1))
                .Select(p => (IReadOnlyList<LabelScore>)[new LabelScore(p.Label, p.Confidence), .. p.Alternatives])
                .ToList();
            ReadingSearch.Read(lattice, labels, LayoutModel.Default);
            long done = Stopwatch.GetTimestamp();
            if (i < 0) continue; // warm-up
            decoding += Stopwatch.GetElapsedTime(start, decoded).TotalMilliseconds;
            segment += Stopwatch.GetElapsedTime(decoded, segmented).TotalMilliseconds;
            normalise += Stopwatch.GetElapsedTime(segmented, normalised).TotalMilliseconds;
            classify += Stopwatch.GetElapsedTime(normalised, classified).TotalMilliseconds;
            read += Stopwatch.GetElapsedTime(classified, done).TotalMilliseconds;
        }
        return new CanvasStages(decoding / repetitions, segment / repetitions, normalise / repetitions, classify / repetitions, read / repetitions);
    }
}
