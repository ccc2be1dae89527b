using MathCluster.Recognition.Imaging;

namespace MathCluster.Recognition.Segmentation;

public enum GroupingKind
{
    /// <summary>A first-grouping group read as one symbol.</summary>
    Single,
    /// <summary>A group of several stacked atoms read as one symbol per atom.</summary>
    Split,
    /// <summary>Neighbouring groups read as one symbol (a 4 or 0 whose pen lifted, side by side parts).</summary>
    Merged,
    /// <summary>One wide ink component read as two symbols cut apart at one of its thinnest columns (two digits written touching; <see cref="TouchingSymbolCutter"/>).</summary>
    Cut,
}

/// <summary>One way to read groups <see cref="From"/> up to (not including) <see cref="To"/>: as these candidates, in order.</summary>
public sealed record LatticeEdge(int From, int To, IReadOnlyList<int> Candidates, GroupingKind Kind);

/// <summary>
/// The groupings worth scoring for one line of groups: every group as it stands, each stacked group split into its
/// atoms, runs of up to <see cref="MaxMerged"/> neighbouring groups close enough to be one symbol, and each ink
/// component as wide as two symbols cut in two. Nothing is merged or cut blindly: the reader scores each alternative
/// with the labels the classifier gives its candidates.
/// </summary>
public sealed class SymbolLattice
{
    public const int MaxMerged = 3;
    private const int MaxSplitAtoms = 3;
    // Only a gate that keeps the classifier's work small; the scores decide. Gaps and sizes are in line heights.
    private const float MaxMergeGap = 0.3f, MaxMergedWidth = 1.6f;

    private SymbolLattice(IReadOnlyList<SymbolGroup> groups, LineMetrics line, List<SymbolGroup> candidates, List<LatticeEdge>[] edges, bool atomsAreStrokes)
    {
        AtomsAreStrokes = atomsAreStrokes;
        Groups = groups;
        Line = line;
        Candidates = candidates;
        Edges = edges;
    }

    public IReadOnlyList<SymbolGroup> Groups { get; }
    public bool AtomsAreStrokes { get; }
    public LineMetrics Line { get; }

    /// <summary>Every distinct atom group some edge reads as a symbol; each is classified once.</summary>
    public IReadOnlyList<SymbolGroup> Candidates { get; }

    /// <summary>Edges leaving each group position.</summary>
    public IReadOnlyList<LatticeEdge>[] Edges { get; }

    /// <param name="line">The line's scale, when it is not that of <paramref name="groups"/> alone (a row with a fraction in it).</param>
    public static SymbolLattice Build(CanvasInk ink, IReadOnlyList<SymbolGroup> groups, LineMetrics? line = null)
    {
        line ??= LineMetrics.Of(groups);
        var candidates = new List<SymbolGroup>();
        var index = new Dictionary<string, int>();
        int Add(SymbolGroup group)
        {
            string key = group.Key;
            if (!index.TryGetValue(key, out int at))
            {
                at = candidates.Count;
                candidates.Add(group);
                index[key] = at;
            }
            return at;
        }

        var edges = new List<LatticeEdge>[groups.Count];
        for (int i = 0; i < groups.Count; i++)
        {
            edges[i] = [new LatticeEdge(i, i + 1, [Add(groups[i])], GroupingKind.Single)];
            var atoms = groups[i].Atoms;
            if (atoms.Count is > 1 and <= MaxSplitAtoms)
            {
                var parts = atoms.Select(a => new SymbolGroup([a], ink.Atoms[a])).OrderBy(g => g.CenterX).Select(Add).ToList();
                edges[i].Add(new LatticeEdge(i, i + 1, parts, GroupingKind.Split));
            }
            if (!ink.AtomsAreStrokes && atoms.Count == 1)
                foreach (var (left, right) in TouchingSymbolCutter.Cuts(ink, groups[i], line))
                    edges[i].Add(new LatticeEdge(i, i + 1, [Add(left), Add(right)], GroupingKind.Cut));
            var merged = groups[i];
            for (int j = i + 1; j < groups.Count && j - i < MaxMerged; j++)
            {
                if (-merged.Box.HorizontalOverlap(groups[j].Box) > MaxMergeGap * line.SymbolHeight) break;
                var box = merged.Box.Union(groups[j].Box);
                if (box.Width > MaxMergedWidth * line.SymbolHeight || box.Height > MaxMergedWidth * line.SymbolHeight) break;
                merged = new SymbolGroup(merged.Atoms.Concat(groups[j].Atoms).Order().ToList(), box);
                edges[i].Add(new LatticeEdge(i, j + 1, [Add(merged)], GroupingKind.Merged));
            }
        }
        return new SymbolLattice(groups, line, candidates, edges, ink.AtomsAreStrokes);
    }

    /// <summary>How far apart two neighbouring groups are, in line heights (negative: they overlap).</summary>
    public float Gap(int left) => -Groups[left].Box.HorizontalOverlap(Groups[left + 1].Box) / Line.SymbolHeight;

}
