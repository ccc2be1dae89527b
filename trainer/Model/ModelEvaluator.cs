using MathCluster.Recognition.Classification;
using MathCluster.Trainer.Data;

namespace MathCluster.Trainer.Model;

/// <summary>Accuracy of a model served by ONNX Runtime (the serving path) on the held-out sets.</summary>
public static class ModelEvaluator
{
    private const int BatchSize = 512;
    private const int Digits = 10;

    /// <summary>The held-out sets as scanned, and redrawn as the page draws them.</summary>
    public static ModelMetrics Evaluate(OnnxGlyphClassifier classifier, HandwritingSources sources)
    {
        var metrics = Evaluate(classifier, sources.MnistTest, sources.SymbolsTest);
        return sources.PenTest.Count > 0 ? WithPenTest(classifier, metrics, sources.PenTest) : metrics;
    }

    /// <summary>Adds the accuracy on the held-out glyphs redrawn as the page draws them, overall and per class.</summary>
    private static ModelMetrics WithPenTest(OnnxGlyphClassifier classifier, ModelMetrics metrics, GlyphSet penTest)
    {
        var rows = Rank(classifier, penTest);
        var perClass = rows.GroupBy(r => r.Label).OrderBy(g => g.Key)
            .ToDictionary(g => classifier.Card.Classes[g.Key], g => (double)g.Count(r => r.Best == r.Label) / g.Count());
        return metrics with
        {
            PenTestAccuracy = new Scores(rows).Share(Enumerable.Range(0, rows.Length), r => r.Best == r.Label),
            PenTestCount = rows.Length,
            PenTestPerClass = perClass,
        };
    }

    public static ModelMetrics Evaluate(OnnxGlyphClassifier classifier, GlyphSet mnistTest, GlyphSet symbolsTest)
    {
        int classes = classifier.ClassCount;
        var confusion = new int[classes][];
        for (int i = 0; i < classes; i++) confusion[i] = new int[classes];
        var top2 = new int[classes];
        var mnist = Score(classifier, mnistTest, confusion, top2);
        var symbols = Score(classifier, symbolsTest, confusion, top2);

        int slash = SymbolClasses.IndexOf(SymbolClasses.Slash);
        var bhmsdsDigits = Enumerable.Range(0, symbolsTest.Count)
            .Where(i => symbolsTest.Sources[i] == HandwritingSources.Bhmsds && symbolsTest.Labels[i] < Digits).ToList();
        var withoutSlash = Enumerable.Range(0, symbolsTest.Count).Where(i => symbolsTest.Labels[i] != slash).ToList();

        var perClass = new Dictionary<string, double>();
        var perClassCount = new Dictionary<string, int>();
        var top2Accuracy = new Dictionary<string, double>();
        for (int c = 0; c < classes; c++)
        {
            int total = confusion[c].Sum();
            if (total == 0) continue;
            string label = classifier.Card.Classes[c];
            perClass[label] = (double)confusion[c][c] / total;
            perClassCount[label] = total;
            top2Accuracy[label] = (double)top2[c] / total;
        }
        return new ModelMetrics
        {
            MnistTestAccuracy = mnist.Share(Enumerable.Range(0, mnistTest.Count), r => r.Best == r.Label),
            MnistDigitAccuracy = mnist.Share(Enumerable.Range(0, mnistTest.Count), r => r.BestDigit == r.Label),
            SymbolsTestAccuracy = symbols.Share(Enumerable.Range(0, symbolsTest.Count), r => r.Best == r.Label),
            SymbolsTestAccuracyWithoutSlash = symbols.Share(withoutSlash, r => r.Best == r.Label),
            BhmsdsDigitAccuracy = symbols.Share(bhmsdsDigits, r => r.Best == r.Label),
            MnistTestCount = mnistTest.Count,
            SymbolsTestCount = symbolsTest.Count,
            BhmsdsDigitCount = bhmsdsDigits.Count,
            PerClass = perClass,
            PerClassCount = perClassCount,
            Top2Accuracy = top2Accuracy,
            ConfusionMatrix = confusion,
        };
    }

    /// <summary>Share of <paramref name="set"/> whose best class is its label.</summary>
    public static double Accuracy(OnnxGlyphClassifier classifier, GlyphSet set) =>
        new Scores(Rank(classifier, set)).Share(Enumerable.Range(0, set.Count), r => r.Best == r.Label);

    /// <summary>One glyph's true label, best class, best digit and runner-up.</summary>
    private readonly record struct Ranked(int Label, int Best, int Second, int BestDigit);

    private sealed class Scores(Ranked[] rows)
    {
        public double Share(IEnumerable<int> indices, Func<Ranked, bool> right)
        {
            int n = 0, ok = 0;
            foreach (int i in indices)
            {
                n++;
                if (right(rows[i])) ok++;
            }
            return n == 0 ? 0 : (double)ok / n;
        }
    }

    private static Scores Score(OnnxGlyphClassifier classifier, GlyphSet set, int[][] confusion, int[] top2)
    {
        var rows = Rank(classifier, set);
        foreach (var r in rows)
        {
            confusion[r.Label][r.Best]++;
            if (r.Best == r.Label || r.Second == r.Label) top2[r.Label]++;
        }
        return new Scores(rows);
    }

    private static Ranked[] Rank(OnnxGlyphClassifier classifier, GlyphSet set)
    {
        var rows = new Ranked[set.Count];
        int classes = classifier.ClassCount;
        for (int start = 0; start < set.Count; start += BatchSize)
        {
            var indices = Enumerable.Range(start, Math.Min(BatchSize, set.Count - start)).ToArray();
            var probabilities = classifier.Predict(set.Pack(indices), indices.Length);
            for (int i = 0; i < indices.Length; i++)
            {
                var row = probabilities.AsSpan(i * classes, classes);
                int best = GlyphPrediction.BestClass(row);
                int second = -1, bestDigit = 0;
                for (int c = 0; c < classes; c++)
                {
                    if (c != best && (second < 0 || row[c] > row[second])) second = c;
                    if (c < Digits && row[c] > row[bestDigit]) bestDigit = c;
                }
                rows[start + i] = new Ranked(set.Labels[start + i], best, second, bestDigit);
            }
        }
        return rows;
    }
}
