namespace MathCluster.Recognition.Classification;

public readonly record struct LabelScore(string Label, float Confidence);

/// <summary>The best label for one glyph with its confidence, and the runners-up.</summary>
public sealed record GlyphPrediction(string Label, float Confidence, IReadOnlyList<LabelScore> Alternatives)
{
    /// <summary>Reads row <paramref name="row"/> of a probability matrix: the top label and the next <paramref name="alternatives"/>.</summary>
    public static GlyphPrediction FromProbabilities(ReadOnlySpan<float> probabilities, int row, IReadOnlyList<string> classes, int alternatives = 2)
    {
        var scores = probabilities.Slice(row * classes.Count, classes.Count);
        // Insertion into a short ranked list: a /v2 batch reads thousands of rows, and only the top few matter.
        int keep = Math.Min(alternatives + 1, classes.Count);
        Span<int> top = stackalloc int[keep];
        int filled = 0;
        for (int c = 0; c < scores.Length; c++)
        {
            int at = filled;
            while (at > 0 && scores[c] > scores[top[at - 1]]) at--;
            if (at >= keep) continue;
            int last = Math.Min(filled, keep - 1);
            for (int i = last; i > at; i--) top[i] = top[i - 1];
            top[at] = c;
            if (filled < keep) filled++;
        }
        var runnersUp = new LabelScore[filled - 1];
        for (int i = 1; i < filled; i++) runnersUp[i - 1] = new LabelScore(classes[top[i]], scores[top[i]]);
        return new GlyphPrediction(classes[top[0]], scores[top[0]], runnersUp);
    }

    /// <summary>Index of the most probable class in one row of probabilities.</summary>
    public static int BestClass(ReadOnlySpan<float> row)
    {
        int best = 0;
        for (int i = 1; i < row.Length; i++) if (row[i] > row[best]) best = i;
        return best;
    }
}
