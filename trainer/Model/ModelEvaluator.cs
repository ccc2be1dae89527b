using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using MathCluster.Trainer.Data;

namespace MathCluster.Trainer.Model;

/// <summary>Accuracy of a model served by ONNX Runtime (the serving path) on the held-out sets.</summary>
public static class ModelEvaluator
{
    private const int BatchSize = 512;

    public static ModelMetrics Evaluate(OnnxGlyphClassifier classifier, GlyphSet mnistTest, GlyphSet symbolsTest)
    {
        int classes = classifier.ClassCount;
        var confusion = new int[classes][];
        for (int i = 0; i < classes; i++) confusion[i] = new int[classes];
        double mnist = Accuracy(classifier, mnistTest, confusion);
        double symbols = Accuracy(classifier, symbolsTest, confusion);
        var perClass = new Dictionary<string, double>();
        for (int c = 0; c < classes; c++)
        {
            int total = confusion[c].Sum();
            if (total > 0) perClass[classifier.Card.Classes[c]] = (double)confusion[c][c] / total;
        }
        return new ModelMetrics
        {
            MnistTestAccuracy = mnist,
            SymbolsTestAccuracy = symbols,
            MnistTestCount = mnistTest.Count,
            SymbolsTestCount = symbolsTest.Count,
            PerClass = perClass,
            ConfusionMatrix = confusion,
        };
    }

    public static int[] PredictLabels(OnnxGlyphClassifier classifier, GlyphSet set)
    {
        var predicted = new int[set.Count];
        int classes = classifier.ClassCount;
        for (int start = 0; start < set.Count; start += BatchSize)
        {
            var indices = Enumerable.Range(start, Math.Min(BatchSize, set.Count - start)).ToArray();
            var probabilities = classifier.Predict(set.Pack(indices), indices.Length);
            for (int i = 0; i < indices.Length; i++)
                predicted[start + i] = GlyphPrediction.BestClass(probabilities.AsSpan(i * classes, classes));
        }
        return predicted;
    }

    private static double Accuracy(OnnxGlyphClassifier classifier, GlyphSet set, int[][] confusion)
    {
        if (set.Count == 0) return 0;
        var predicted = PredictLabels(classifier, set);
        int correct = 0;
        for (int i = 0; i < set.Count; i++)
        {
            confusion[set.Labels[i]][predicted[i]]++;
            if (predicted[i] == set.Labels[i]) correct++;
        }
        return (double)correct / set.Count;
    }
}
