using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Segmentation;

namespace MathCluster.Recognition.Reading;

/// <summary>One symbol of a reading: the atoms read as it, the label chosen, its probability and the other labels.</summary>
public sealed record ReadSymbol(SymbolGroup Group, string Label, float Confidence, IReadOnlyList<LabelScore> Alternatives);

/// <summary>
/// The most probable reading of a line, its share of the probability mass of the readings the search kept
/// (<see cref="Confidence"/>), how many label steps the search took and whether the reading obeys the grammar.
/// </summary>
public sealed record LineReading(IReadOnlyList<ReadSymbol> Symbols, double Confidence, int Work, bool Grammatical);

/// <summary>
/// Reads a line by one beam search over the lattice's groupings and each candidate's top labels, scoring together the
/// classifier's log-probabilities, the layout likelihoods (size and height on the line, gaps, how often neighbours at
/// that gap are one symbol) and the grammar, which drops a reading as soon as no valid expression can continue it.
/// Work is capped: the beam narrows on long lines so the label steps stay under <see cref="MaxWork"/>.
/// </summary>
public static class ReadingSearch
{
    public const int MaxWork = 60_000;
    public const int MaxBeam = 48;
    public const int LabelsPerCandidate = 4;
    // A split stacked group multiplies labels across its parts: fewer labels per part keep that small.
    private const int LabelsPerSplitPart = 2;
    private const float MinProbability = 1e-4f;

    private sealed record Hypothesis(Hypothesis? Parent, int Candidate, int Option, string Label, PixelBox Box, ReadingGrammar State, double Score);

    /// <param name="labels">Per lattice candidate, its labels most probable first (at least one).</param>
    /// <param name="grammar">
    /// Whether the line is a whole expression the grammar can judge; not when a fraction sits in it, which the line
    /// does not see (then labels, groupings and layout decide, and the 2-D parser applies the grammar).
    /// </param>
    public static LineReading Read(SymbolLattice lattice, IReadOnlyList<IReadOnlyList<LabelScore>> labels, LayoutModel layout, bool grammar = true)
    {
        var options = labels.Select(Options).ToArray();
        var reading = grammar ? Search(lattice, options, layout, grammar: true) : null;
        return reading ?? Search(lattice, options, layout, grammar: false)!;
    }

    private static LineReading? Search(SymbolLattice lattice, LabelScore[][] options, LayoutModel layout, bool grammar)
    {
        int n = lattice.Groups.Count;
        if (n == 0) return new LineReading([], 1, 0, true);
        int beamWidth = (int)Math.Clamp(MaxWork / Math.Max(1L, Branching(lattice, options)), 1, MaxBeam);
        var beams = new List<Hypothesis>[n + 1];
        for (int i = 0; i <= n; i++) beams[i] = [];
        beams[0].Add(new Hypothesis(null, -1, -1, "", default, ReadingGrammar.Start, 0));
        int work = 0;
        for (int position = 0; position < n; position++)
        {
            var beam = beams[position];
            if (beam.Count > beamWidth)
            {
                beam.Sort((a, b) => b.Score.CompareTo(a.Score));
                beam.RemoveRange(beamWidth, beam.Count - beamWidth);
            }
            // An edge's prior is the same for every hypothesis that takes it.
            var edges = lattice.Edges[position];
            var priors = edges.Select(edge => EdgePrior(lattice, edge, layout)).ToArray();
            foreach (var hypothesis in beam)
                for (int e = 0; e < edges.Count; e++) Expand(hypothesis, edges[e], 0, hypothesis.Score + priors[e]);
            beams[position] = [];
        }

        void Expand(Hypothesis from, LatticeEdge edge, int part, double score)
        {
            int candidate = edge.Candidates[part];
            var box = lattice.Candidates[candidate].Box;
            var choices = options[candidate];
            int take = edge.Kind == GroupingKind.Split ? Math.Min(LabelsPerSplitPart, choices.Length) : choices.Length;
            for (int o = 0; o < take; o++)
            {
                string label = choices[o].Label;
                ReadingGrammar state = from.State;
                if (grammar)
                {
                    if (from.State.Then(label) is not { } next) continue;
                    state = next;
                }
                work++;
                double s = score + SymbolScore(lattice, edge, part, from.Parent is null ? null : (from.Label, from.Box), label, box, choices[o].Confidence, layout);
                var hypothesis = new Hypothesis(from, candidate, o, label, box, state, s);
                if (part + 1 < edge.Candidates.Count) Expand(hypothesis, edge, part + 1, s);
                else beams[edge.To].Add(hypothesis);
            }
        }

        var finals = beams[n].Where(h => !grammar || h.State.IsComplete).ToList();
        if (finals.Count == 0) return null;
        var best = finals.MaxBy(h => h.Score)!;
        double mass = finals.Sum(h => Math.Exp(h.Score - best.Score));
        return new LineReading(Symbols(best, lattice, options), 1 / mass, work, grammar);
    }

    /// <summary>
    /// The grouping's own log-likelihood: stacked atoms kept or split, a wide component kept or cut, and each
    /// neighbouring-group boundary joined or kept. Ink components and pen strokes have their own counts: strokes of
    /// different symbols touch freely, while touching ink is one component.
    /// </summary>
    public static double EdgePrior(SymbolLattice lattice, LatticeEdge edge, LayoutModel layout)
    {
        bool strokes = lattice.AtomsAreStrokes;
        double prior = edge.Kind switch
        {
            GroupingKind.Split => layout.Stacked(oneSymbol: false, strokes),
            GroupingKind.Single when lattice.Groups[edge.From].Atoms.Count > 1 => layout.Stacked(oneSymbol: true, strokes),
            GroupingKind.Cut => layout.Wide(twoSymbols: true),
            GroupingKind.Single when lattice.Edges[edge.From].Any(e => e.Kind == GroupingKind.Cut) => layout.Wide(twoSymbols: false),
            _ => 0,
        };
        for (int b = edge.From; b < edge.To - 1; b++) prior += layout.Boundary(lattice.Gap(b), sameSymbol: true, strokes);
        if (edge.To < lattice.Groups.Count) prior += layout.Boundary(lattice.Gap(edge.To - 1), sameSymbol: false, strokes);
        return prior;
    }

    /// <summary>The labels the search tries for one candidate: its top <see cref="LabelsPerCandidate"/>, the unlikely ones left out.</summary>
    public static LabelScore[] Options(IReadOnlyList<LabelScore> labels) =>
        labels.Where((s, i) => i == 0 || s.Confidence >= MinProbability).Take(LabelsPerCandidate).ToArray();

    /// <summary>
    /// What reading part <paramref name="part"/> of <paramref name="edge"/> as <paramref name="label"/> adds to a reading:
    /// the symbol bonus, the label's log-probability, its size and height on the line, how often it follows the label
    /// before, and its gap to the symbol before.
    /// </summary>
    public static double SymbolScore(SymbolLattice lattice, LatticeEdge edge, int part, (string Label, PixelBox Box)? previous,
        string label, PixelBox box, float probability, LayoutModel layout)
    {
        double score = layout.SymbolBonus + Math.Log(Math.Max(probability, MinProbability)) + layout.Symbol(label, box, lattice.Line)
                       + layout.Sequence(previous?.Label, label);
        // The halves of a cut touch by definition: the cut's prior has priced that, not the spacing of separate glyphs.
        if (previous is { } left && !(part > 0 && edge.Kind == GroupingKind.Cut)) score += layout.Gap(left.Label, left.Box, label, box, lattice.Line);
        return score;
    }

    /// <summary>Label steps one hypothesis can take from all positions together: the beam times this bounds the work.</summary>
    private static long Branching(SymbolLattice lattice, LabelScore[][] options)
    {
        long total = 0;
        foreach (var edges in lattice.Edges)
        foreach (var edge in edges)
        {
            long paths = 1;
            foreach (int candidate in edge.Candidates)
            {
                paths *= edge.Kind == GroupingKind.Split ? Math.Min(LabelsPerSplitPart, options[candidate].Length) : options[candidate].Length;
                total += paths;
            }
        }
        return total;
    }

    private static List<ReadSymbol> Symbols(Hypothesis last, SymbolLattice lattice, LabelScore[][] options)
    {
        var symbols = new List<ReadSymbol>();
        for (var h = last; h.Parent is not null; h = h.Parent)
        {
            var choices = options[h.Candidate];
            symbols.Add(new ReadSymbol(lattice.Candidates[h.Candidate], h.Label, choices[h.Option].Confidence,
                choices.Where((_, i) => i != h.Option).ToList()));
        }
        symbols.Reverse();
        return symbols;
    }
}
