using MathCluster.Recognition;
using MathCluster.Recognition.Classification;

namespace MathCluster.Benchmarks;

/// <summary>(a) ONNX Runtime in process, no serving stack: glyphs per second at batch 1, 64 and 256.</summary>
public static class RawOnnxBenchmark
{
    public static readonly int[] BatchSizes = [1, 64, 256];

    /// <summary>The best of one caller with all cores inside ONNX Runtime and one single-threaded caller per core.</summary>
    public static async Task<Dictionary<int, double>> RunAsync(byte[] model, ModelCard card, float[] glyph, TimeSpan duration)
    {
        var result = new Dictionary<int, double>();
        using var wide = new OnnxGlyphClassifier(model, card, Environment.ProcessorCount);
        using var narrow = new OnnxGlyphClassifier(model, card, 1);
        foreach (int batch in BatchSizes)
        {
            var input = Enumerable.Repeat(glyph, batch).SelectMany(g => g).ToArray();
            double oneCaller = await Measurement.ThroughputAsync(duration, 1, () => Task.FromResult(Run(wide, input, batch)));
            double perCore = await Measurement.ThroughputAsync(duration, Environment.ProcessorCount, () => Task.FromResult(Run(narrow, input, batch)));
            result[batch] = Math.Max(oneCaller, perCore);
            Console.WriteLine($"  raw ONNX batch {batch,3}: {result[batch],10:N0} glyphs/s (1 caller x {Environment.ProcessorCount} threads {oneCaller:N0}, {Environment.ProcessorCount} callers x 1 thread {perCore:N0})");
        }
        return result;
    }

    private static int Run(OnnxGlyphClassifier classifier, float[] input, int batch)
    {
        classifier.Predict(input, batch);
        return batch;
    }

    public static float[] SampleGlyph()
    {
        var sketch = new TestSupport.CanvasSketch().Write("7");
        return GlyphNormalizer.Normalize(sketch.ToInk().Crop(sketch.Boxes[0]));
    }
}
