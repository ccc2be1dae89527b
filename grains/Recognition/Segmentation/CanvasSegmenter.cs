using MathCluster.Recognition.Imaging;

namespace MathCluster.Recognition.Segmentation;

/// <summary>
/// Splits a canvas into symbols, left to right. Ink is split into connected components, specks are dropped,
/// and components stacked over each other are merged into one symbol: the bar and dots of ÷, the two bars
/// of =, a 5 or 7 drawn with a detached stroke. (A plain left-to-right contour split reads those as several symbols.)
/// </summary>
public static class CanvasSegmenter
{
    public const int MaxSymbols = 64;
    private const float InkThreshold = 0.35f;
    // Components beyond this many are noise or scribble; stop before the merge step gets expensive.
    private const int MaxComponents = MaxSymbols * 8;

    public static IReadOnlyList<SegmentedSymbol> Segment(InkImage canvas)
    {
        var components = ConnectedComponents.Find(canvas, InkThreshold, out var labels);
        components = DropSpecks(components);
        if (components.Count > MaxComponents) throw new TooManySymbolsException(components.Count, MaxSymbols);

        var groups = MergeStacked(components);
        if (groups.Count > MaxSymbols) throw new TooManySymbolsException(groups.Count, MaxSymbols);

        return groups
            .Select(group => Extract(canvas, labels, group))
            .OrderBy(symbol => symbol.Box.X + symbol.Box.Width / 2f)
            .ToList();
    }

    /// <summary>
    /// Drops anti-aliasing crumbs, dust and stray pixels: anything under a few pixels, or tiny next to the
    /// largest component. Measured against the largest, not the median, so dust that outnumbers the
    /// symbols is still dust; the dot of a ÷ drawn with the thinnest pen stays well above the bar.
    /// </summary>
    private static List<InkComponent> DropSpecks(List<InkComponent> components)
    {
        if (components.Count == 0) return components;
        int largest = components.Max(c => c.PixelCount);
        int minimum = Math.Max(6, largest / 150);
        return components.Where(c => c.PixelCount >= minimum).ToList();
    }

    /// <summary>Groups components whose horizontal extents mostly overlap (one above the other), transitively.</summary>
    private static List<List<InkComponent>> MergeStacked(List<InkComponent> components)
    {
        var sorted = components.OrderBy(c => c.Box.X).ToList();
        var parent = Enumerable.Range(0, sorted.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);

        for (int i = 0; i < sorted.Count; i++)
        for (int j = i + 1; j < sorted.Count && sorted[j].Box.X < sorted[i].Box.Right; j++)
        {
            if (AreStacked(sorted[i].Box, sorted[j].Box)) parent[Find(j)] = Find(i);
        }

        return Enumerable.Range(0, sorted.Count)
            .GroupBy(Find)
            .Select(g => g.Select(i => sorted[i]).ToList())
            .ToList();
    }

    private static bool AreStacked(PixelBox a, PixelBox b)
    {
        int overlap = a.HorizontalOverlap(b);
        int narrower = Math.Min(a.Width, b.Width);
        if (overlap < 0.5f * narrower) return false;
        // Stacked parts of one symbol sit close together; far-apart ink in one column is not one symbol.
        int gap = Math.Max(a.Y, b.Y) - Math.Min(a.Bottom, b.Bottom);
        int scale = Math.Max(Math.Max(a.Width, b.Width), Math.Max(a.Height, b.Height));
        return gap <= scale;
    }

    private static SegmentedSymbol Extract(InkImage canvas, int[] labels, List<InkComponent> group)
    {
        var box = group.Select(c => c.Box).Aggregate((a, b) => a.Union(b));
        // A symbol has a few parts at most: a linear scan beats hashing for every pixel of its box.
        var members = group.Select(c => c.Label).ToArray();
        var glyph = new InkImage(box.Width, box.Height);
        for (int y = 0; y < box.Height; y++)
        {
            int from = (box.Y + y) * canvas.Width + box.X;
            var rowLabels = labels.AsSpan(from, box.Width);
            var rowInk = canvas.Ink.AsSpan(from, box.Width);
            var target = glyph.Ink.AsSpan(y * box.Width, box.Width);
            for (int x = 0; x < rowLabels.Length; x++)
            {
                int label = rowLabels[x];
                if (label != 0 && Array.IndexOf(members, label) >= 0) target[x] = rowInk[x];
            }
        }
        return new SegmentedSymbol(box, glyph, group.Count);
    }
}
