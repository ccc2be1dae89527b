using MathCluster.Recognition.Imaging;

namespace MathCluster.Recognition.Segmentation;

/// <summary>
/// Finds a canvas's ink atoms (components of a PNG after specks are dropped, or pen strokes) and their first grouping
/// into symbols, left to right: atoms stacked over each other become one group (the bar and dots of ÷, the two bars
/// of =, a 5 or 7 drawn with a detached stroke). That grouping is where reading starts, not its verdict: the lattice
/// adds the splits and merges of it that are worth scoring (<see cref="SymbolLattice"/>).
/// </summary>
public static class CanvasSegmenter
{
    public const int MaxSymbols = 64;
    internal const float InkThreshold = 0.35f;
    // Atoms beyond this many are noise or scribble; stop before the grouping gets expensive.
    private const int MaxAtoms = MaxSymbols * 8;
    private const int MinSpeckPixels = 6, LargestToSpeck = 150, MinDotPixels = 4;

    /// <exception cref="TooManySymbolsException">More separate marks than any 64-symbol canvas holds.</exception>
    public static CanvasInk Atoms(InkImage canvas)
    {
        var components = ConnectedComponents.Find(canvas, InkThreshold, out var labels);
        components = DropSpecks(components);
        if (components.Count > MaxAtoms) throw new TooManySymbolsException(components.Count, MaxSymbols);
        return new ComponentInk(canvas, labels, components);
    }

    /// <exception cref="TooManySymbolsException">More strokes than any 64-symbol canvas holds.</exception>
    public static CanvasInk Atoms(StrokeCanvas strokes)
    {
        if (strokes.StrokeCount > MaxAtoms) throw new TooManySymbolsException(strokes.StrokeCount, MaxSymbols);
        return new StrokeInk(strokes);
    }

    /// <summary>Atoms grouped where they are stacked, in reading order (left to right by centre).</summary>
    /// <exception cref="TooManySymbolsException">More than <see cref="MaxSymbols"/> groups.</exception>
    public static IReadOnlyList<SymbolGroup> Group(CanvasInk ink)
    {
        var groups = MergeStacked(ink.Atoms);
        if (groups.Count > MaxSymbols) throw new TooManySymbolsException(groups.Count, MaxSymbols);
        return groups.OrderBy(g => g.CenterX).ToList();
    }

    /// <summary>Some of the atoms (one row of a 2-D formula) grouped where they are stacked, in reading order.</summary>
    /// <exception cref="TooManySymbolsException">More than <see cref="MaxSymbols"/> groups.</exception>
    public static IReadOnlyList<SymbolGroup> Group(CanvasInk ink, IReadOnlyList<int> atoms)
    {
        var groups = MergeStacked(atoms.Select(a => ink.Atoms[a]).ToList())
            .Select(g => new SymbolGroup(g.Atoms.Select(i => atoms[i]).Order().ToList(), g.Box)).ToList();
        if (groups.Count > MaxSymbols) throw new TooManySymbolsException(groups.Count, MaxSymbols);
        return groups.OrderBy(g => g.CenterX).ToList();
    }

    /// <summary>The first grouping of a decoded canvas with each group's own ink.</summary>
    public static IReadOnlyList<SegmentedSymbol> Segment(InkImage canvas) => Segment(Atoms(canvas));

    /// <summary>The first grouping of pen strokes with each group's own strokes drawn.</summary>
    public static IReadOnlyList<SegmentedSymbol> Segment(StrokeCanvas strokes) => Segment(Atoms(strokes));

    private static IReadOnlyList<SegmentedSymbol> Segment(CanvasInk ink) =>
        Group(ink).Select(g => new SegmentedSymbol(g.Box, ink.Draw(g.Atoms, g.Box), g.Atoms.Count)).ToList();

    /// <summary>
    /// Drops anti-aliasing crumbs, dust and stray pixels: anything under a few pixels, or tiny next to the
    /// largest component. Measured against the largest, not the median, so dust that outnumbers the
    /// symbols is still dust; a pen dot (a decimal point, the dot of a ÷ drawn with the thinnest pen) stays well above it.
    /// </summary>
    private static List<InkComponent> DropSpecks(List<InkComponent> components)
    {
        if (components.Count == 0) return components;
        int largest = components.Max(c => c.PixelCount);
        int minimum = Math.Max(MinSpeckPixels, largest / LargestToSpeck);
        var bars = components.Where(c => c.PixelCount >= minimum && c.Box.Width >= 2 * c.Box.Height).Select(c => c.Box).ToList();
        return components.Where(c => c.PixelCount >= minimum || (c.PixelCount >= MinDotPixels && bars.Any(bar => IsDivisionDot(c.Box, bar)))).ToList();
    }

    /// <summary>A speck centred over or under the middle of a short bar, near it: the dot of a ÷ drawn with a fine pen.</summary>
    private static bool IsDivisionDot(PixelBox dot, PixelBox bar)
    {
        float centre = dot.X + dot.Width / 2f;
        int gap = Math.Max(dot.Y, bar.Y) - Math.Min(dot.Bottom, bar.Bottom);
        return centre > bar.X + 0.25f * bar.Width && centre < bar.Right - 0.25f * bar.Width
            && dot.Width <= 0.4f * bar.Width && gap <= 0.6f * bar.Width;
    }

    /// <summary>Groups atoms whose horizontal extents mostly overlap (one above the other), transitively.</summary>
    private static List<SymbolGroup> MergeStacked(IReadOnlyList<PixelBox> atoms)
    {
        var sorted = Enumerable.Range(0, atoms.Count).OrderBy(i => atoms[i].X).ToArray();
        var parent = Enumerable.Range(0, sorted.Length).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);

        for (int i = 0; i < sorted.Length; i++)
        for (int j = i + 1; j < sorted.Length && atoms[sorted[j]].X < atoms[sorted[i]].Right; j++)
        {
            if (AreStacked(atoms[sorted[i]], atoms[sorted[j]])) parent[Find(j)] = Find(i);
        }

        return Enumerable.Range(0, sorted.Length)
            .GroupBy(Find)
            .Select(g =>
            {
                var members = g.Select(i => sorted[i]).Order().ToList();
                return new SymbolGroup(members, members.Select(a => atoms[a]).Aggregate((a, b) => a.Union(b)));
            })
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
}
