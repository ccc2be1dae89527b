namespace MathCluster.Recognition.Segmentation;

/// <summary>
/// The writing line's scale: the height of its tall symbols (digits, brackets) and their vertical middle, taken as the
/// medians over groups at least half as tall as the tallest, so operators and dots do not pull it down.
/// Layout features are measured against it, so they hold at any handwriting size.
/// </summary>
public sealed record LineMetrics(float SymbolHeight, float Middle, int Groups)
{
    public static LineMetrics Of(IReadOnlyList<SymbolGroup> groups)
    {
        if (groups.Count == 0) return new LineMetrics(1, 0, 0);
        int tallest = groups.Max(g => g.Box.Height);
        var tall = groups.Where(g => g.Box.Height * 2 >= tallest).ToList();
        return new LineMetrics(Math.Max(1, Median(tall.Select(g => (float)g.Box.Height))), Median(tall.Select(g => g.CenterY)), groups.Count);
    }

    private static float Median(IEnumerable<float> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        int mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
