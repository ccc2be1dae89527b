namespace MathCluster.Recognition.Classification;

public readonly record struct LabelScore(string Label, float Confidence);

/// <summary>The best label for one glyph with its confidence, and the runners-up.</summary>
public sealed record GlyphPrediction(string Label, float Confidence, IReadOnlyList<LabelScore> Alternatives)
{
    /// <summary>Reads row <paramref name="row"/> of a probability matrix: the top label and the next <paramref name="alternatives"/>.</summary>
    public static GlyphPrediction FromProbabilities(ReadOnlySpan<float> probabilities, int row, IReadOnlyList<string> classes, int alternatives = 2)
    {
        var scores = probabilities.Slice(row * classes.Count, classes.Count);
        var ranked = new List<LabelScore>(classes.Count);
        for (int c = 0; c < classes.Count; c++) ranked.Add(new LabelScore(classes[c], scores[c]));
        ranked.Sort((a, b) => b.Confidence.CompareTo(a.Confidence));
        return new GlyphPrediction(ranked[0].Label, ranked[0].Confidence, ranked.Skip(1).Take(alternatives).ToList());
    }

    /// <summary>Index of the most probable class in one row of probabilities.</summary>
    public static int BestClass(ReadOnlySpan<float> row)
    {
        int best = 0;
        for (int i = 1; i < row.Length; i++) if (row[i] > row[best]) best = i;
        return best;
    }
}
