using System.Diagnostics;
using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using Microsoft.ML.OnnxRuntime;

namespace MathCluster.Benchmarks;

/// <summary>
/// (a) ONNX Runtime in process, no serving stack: glyphs per second at batch 1, 64 and 256, the fastest way this
/// machine runs the model. Each core gets its own session with one intra-op thread, and its input and output
/// tensors are pinned once and reused, so nothing but the forward pass is measured.
/// </summary>
public static class RawOnnxBenchmark
{
    public static readonly int[] BatchSizes = [1, 64, 256];

    public static Dictionary<int, double> Run(byte[] model, ModelCard card, float[] glyph, TimeSpan duration)
    {
        var result = new Dictionary<int, double>();
        foreach (int batch in BatchSizes)
        {
            result[batch] = Rate(model, card, glyph, batch, duration);
            Console.WriteLine($"  raw ONNX batch {batch,3}: {result[batch],10:N0} glyphs/s ({Environment.ProcessorCount} sessions x 1 thread, reused tensors)");
        }
        return result;
    }

    public static double Rate(byte[] model, ModelCard card, float[] glyph, int batch, TimeSpan duration)
    {
        int classes = card.Classes.Count;
        long glyphs = 0;
        using var ready = new Barrier(Environment.ProcessorCount);
        var threads = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new Thread(() =>
        {
            using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
            using var session = new InferenceSession(model, options);
            var input = new float[batch * GlyphNormalizer.PixelCount];
            for (int i = 0; i < batch; i++) glyph.CopyTo(input, i * GlyphNormalizer.PixelCount);
            var output = new float[batch * classes];
            using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [batch, 1, GlyphNormalizer.Size, GlyphNormalizer.Size]);
            using var outputValue = OrtValue.CreateTensorValueFromMemory(output, [batch, classes]);
            using var run = new RunOptions();
            string[] inputs = [ModelCard.InputName], outputs = [ModelCard.OutputName];
            OrtValue[] inputValues = [inputValue], outputValues = [outputValue];
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < Measurement.WarmUp) session.Run(run, inputs, inputValues, outputs, outputValues);
            ready.SignalAndWait();
            long done = 0;
            clock.Restart();
            while (clock.Elapsed < duration)
            {
                session.Run(run, inputs, inputValues, outputs, outputValues);
                done += batch;
            }
            Interlocked.Add(ref glyphs, done);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return glyphs / duration.TotalSeconds;
    }

    public static float[] SampleGlyph()
    {
        var sketch = new TestSupport.CanvasSketch().Write("7");
        return GlyphNormalizer.Normalize(sketch.ToInk().Crop(sketch.Boxes[0]));
    }
}
