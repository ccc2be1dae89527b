using MathCluster.Recognition.Expressions;

namespace MathCluster.Recognition.Classification;

/// <summary>
/// Reads a row of classified symbols as an expression, using the runners-up where the best labels alone do not
/// parse: a slanted 1 scored as "/" at the start of "/2+7" reads as "12+7". Readings are tried from the most probable
/// down (product of the chosen labels' probabilities), over a bounded number of candidates; a valid best reading is
/// never changed.
/// </summary>
public static class ContextualReading
{
    private const int MaxCandidates = 256;
    // Only symbols the model is not sure about may be re-read.
    private const float ConfidentEnough = 0.9f;

    public static (IReadOnlyList<GlyphPrediction> Predictions, ExpressionResult Expression) Read(IReadOnlyList<GlyphPrediction> predictions)
    {
        var best = ExpressionEvaluator.Evaluate(predictions.Select(p => p.Label).ToList());
        if (best.ErrorKind != ExpressionErrorKind.Syntax) return (predictions, best);

        var options = predictions.Select(p => p.Confidence >= ConfidentEnough
            ? new[] { new LabelScore(p.Label, p.Confidence) }
            : new[] { new LabelScore(p.Label, p.Confidence) }.Concat(p.Alternatives).Where(s => s.Confidence > 0.01f).ToArray()).ToArray();

        var queue = new PriorityQueue<int[], double>();
        var seen = new HashSet<string>();
        var start = new int[options.Length];
        queue.Enqueue(start, -Score(options, start));
        seen.Add(string.Join(",", start));
        for (int tried = 0; queue.TryDequeue(out var choice, out _) && tried < MaxCandidates; tried++)
        {
            if (tried > 0)
            {
                var labels = choice.Select((c, i) => options[i][c].Label).ToList();
                var result = ExpressionEvaluator.Evaluate(labels);
                if (result.ErrorKind != ExpressionErrorKind.Syntax)
                    return (predictions.Select((p, i) => choice[i] == 0 ? p : Reread(p, options[i][choice[i]])).ToList(), result);
            }
            for (int i = 0; i < options.Length; i++)
            {
                if (choice[i] + 1 >= options[i].Length) continue;
                var next = (int[])choice.Clone();
                next[i]++;
                if (seen.Add(string.Join(",", next))) queue.Enqueue(next, -Score(options, next));
            }
        }
        return (predictions, best);
    }

    private static double Score(LabelScore[][] options, int[] choice) =>
        choice.Select((c, i) => Math.Log(Math.Max(options[i][c].Confidence, 1e-9f))).Sum();

    /// <summary>The prediction with <paramref name="chosen"/> as its label; the former best becomes the first alternative.</summary>
    private static GlyphPrediction Reread(GlyphPrediction prediction, LabelScore chosen) =>
        new(chosen.Label, chosen.Confidence,
            new[] { new LabelScore(prediction.Label, prediction.Confidence) }.Concat(prediction.Alternatives.Where(a => a.Label != chosen.Label)).ToList());
}
