using System.Diagnostics;
using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Imaging;
using MathCluster.TestSupport;
using MathCluster.Trainer.Data;

namespace MathCluster.Benchmarks;

public sealed record CanvasAccuracy(int Canvases, int ExactlyRight, double Accuracy, double MillisecondsPerCanvas, IReadOnlyList<string> Misreads);

/// <summary>
/// Whole-canvas recognition on expressions composed from glyphs none of the training saw (MNIST test, the symbol
/// sources' held-out splits): how often the expression comes back exactly right, and how long a canvas takes.
/// </summary>
public static class CanvasAccuracyBenchmark
{
    private const string Operators = "+-×÷/";

    public static async Task<CanvasAccuracy> RunAsync(string dataDirectory, IGlyphClassifier classifier, int count, int seed)
    {
        var pools = LoadHeldOutPools(dataDirectory);
        var random = new Random(seed);
        int right = 0;
        var misreads = new List<string>();
        var clock = new Stopwatch();
        for (int i = 0; i < count; i++)
        {
            var labels = RandomExpression(random);
            var png = PngFiles.TransparentInk(Compose(labels, pools, random));
            clock.Start();
            var recognition = await CanvasRecognizer.RecognizeAsync(png, classifier);
            clock.Stop();
            string read = string.Concat(recognition.Symbols.Select(s => s.Label));
            if (read == string.Concat(labels)) right++;
            else if (misreads.Count < 20) misreads.Add($"{string.Concat(labels)} → {read}");
        }
        return new CanvasAccuracy(count, right, (double)right / count, clock.Elapsed.TotalMilliseconds / count, misreads);
    }

    /// <summary>Held-out ink images per class label.</summary>
    private static Dictionary<string, List<InkImage>> LoadHeldOutPools(string directory)
    {
        var pools = SymbolClasses.All.ToDictionary(c => c, _ => new List<InkImage>());
        void Add(HandwritingSources.RawSource source)
        {
            for (int i = 0; i < source.Labels.Count; i++) pools[SymbolClasses.All[source.Labels[i]]].Add(source.Images[i]);
        }
        Add(HandwritingSources.ReadRaw(directory, HandwritingSources.Mnist, "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", darkInk: false));
        foreach (var (name, images, labels) in new[]
                 {
                     (HandwritingSources.MathSymbols, "symbols-images-idx3-ubyte.gz", "symbols-labels-idx1-ubyte.gz"),
                     (HandwritingSources.Bhmsds, "bhmsds-images-idx3-ubyte.gz", "bhmsds-labels-idx1-ubyte.gz"),
                 })
        {
            var raw = HandwritingSources.ReadRaw(directory, name, images, labels, darkInk: true);
            var heldOut = HandwritingSources.HeldOutMask(raw.Labels);
            Add(raw.Where(i => heldOut[i]));
        }
        return pools;
    }

    /// <summary>Numbers of one or two digits joined by operators, sometimes a bracketed pair, sometimes a trailing =.</summary>
    private static List<string> RandomExpression(Random random)
    {
        var labels = new List<string>();
        void Number() { int digits = random.Next(1, 3); for (int d = 0; d < digits; d++) labels.Add(random.Next(10).ToString()); }
        string Operator() => Operators[random.Next(Operators.Length)].ToString();
        int terms = random.Next(2, 4);
        for (int t = 0; t < terms; t++)
        {
            if (t > 0) labels.Add(Operator());
            if (random.NextDouble() < 0.2)
            {
                labels.Add("(");
                Number();
                labels.Add(Operator());
                Number();
                labels.Add(")");
            }
            else Number();
        }
        if (random.NextDouble() < 0.3) labels.Add("=");
        return labels;
    }

    /// <summary>Lays the glyphs out left to right at handwriting proportions: digits and brackets tall, operators smaller.</summary>
    private static InkImage Compose(List<string> labels, Dictionary<string, List<InkImage>> pools, Random random)
    {
        int digitHeight = random.Next(50, 110);
        var glyphs = labels.Select(label =>
        {
            var pool = pools[label];
            var ink = InkScaling.CropToInk(pool[random.Next(pool.Count)], 0.2f);
            bool tall = char.IsDigit(label[0]) || label is "(" or ")" or "/";
            float scale = tall
                ? digitHeight * (label is "(" or ")" ? 1.15f : 1f) / ink.Height
                : digitHeight * 0.55f / Math.Max(ink.Width, ink.Height);
            return InkScaling.Scale(ink, scale);
        }).ToList();
        int gap = random.Next(12, 30);
        int width = glyphs.Sum(g => g.Width) + gap * (glyphs.Count + 1);
        int height = (int)(digitHeight * 1.6f) + 20;
        var canvas = new InkImage(width, height);
        int x = gap;
        foreach (var glyph in glyphs)
        {
            canvas.DrawMax(glyph, x, (height - glyph.Height) / 2 + random.Next(-4, 5));
            x += glyph.Width + gap;
        }
        return canvas;
    }
}
