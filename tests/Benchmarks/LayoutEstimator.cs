using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Reading;
using MathCluster.Recognition.Segmentation;

namespace MathCluster.Benchmarks;

/// <summary>
/// Estimates the reading model's layout parameters from composed canvases whose glyph positions are known, measured
/// the way the reader measures them (atoms, first grouping, line metrics): per class the size and vertical offset,
/// the gaps between neighbours, and how often neighbouring groups at each gap, stacked atoms and wide ink components
/// are one symbol.
/// Run on a different seed from the accuracy measurement, so the benchmark never reads canvases it was fitted on.
/// </summary>
public static class LayoutEstimator
{
    private static readonly double[] GapBinEdges = [-0.4, -0.2, -0.1, -0.05, 0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5];

    public static LayoutParameters Estimate(ComposedCanvases composer, int count, int seed)
    {
        var random = new Random(seed);
        var logHeights = new Dictionary<string, List<double>>();
        var logWidths = new Dictionary<string, List<double>>();
        var offsets = new Dictionary<string, List<double>>();
        List<double> digitGaps = [], otherGaps = [];
        GroupingCounter components = new(), strokes = new();
        int wideOne = 0, wideTwo = 0;
        var successors = new SortedDictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        for (int n = 0; n < count; n++)
        {
            var canvas = composer.Next(random);
            var ink = CanvasSegmenter.Atoms(canvas.Ink);
            var groups = CanvasSegmenter.Group(ink);
            var line = LineMetrics.Of(groups);
            var owner = ink.Atoms.Select(a => Owner(a, canvas.Boxes)).ToArray();

            for (int g = 0; g < canvas.Labels.Count; g++)
            {
                string previous = g == 0 ? LayoutParameters.LineStart : canvas.Labels[g - 1];
                if (!successors.TryGetValue(previous, out var next)) successors[previous] = next = new(StringComparer.Ordinal);
                next[canvas.Labels[g]] = next.GetValueOrDefault(canvas.Labels[g]) + 1;
            }

            var inkBoxes = new PixelBox?[canvas.Labels.Count];
            for (int a = 0; a < owner.Length; a++)
                inkBoxes[owner[a]] = inkBoxes[owner[a]] is { } box ? box.Union(ink.Atoms[a]) : ink.Atoms[a];
            for (int g = 0; g < canvas.Labels.Count; g++)
            {
                if (inkBoxes[g] is not { } box) continue;
                string label = canvas.Labels[g];
                Add(logHeights, label, Math.Log(box.Height / line.SymbolHeight));
                Add(logWidths, label, Math.Log(box.Width / line.SymbolHeight));
                Add(offsets, label, (box.Y + box.Height / 2.0 - line.Middle) / line.SymbolHeight);
                if (g + 1 < canvas.Labels.Count && inkBoxes[g + 1] is { } next)
                {
                    double gap = -box.HorizontalOverlap(next) / (double)line.SymbolHeight;
                    (char.IsDigit(label[0]) && char.IsDigit(canvas.Labels[g + 1][0]) ? digitGaps : otherGaps).Add(gap);
                }
            }
            components.Count(groups, line, owner);
            foreach (var group in groups.Where(g => g.Atoms.Count == 1 && TouchingSymbolCutter.MayBeTwoSymbols(g.Box, line)))
            {
                // Touching glyphs are one atom: count the glyphs placed with their middle inside it.
                var box = group.Box;
                if (canvas.Boxes.Count(b => b.X + b.Width / 2 >= box.X && b.X + b.Width / 2 < box.Right) > 1) wideTwo++;
                else wideOne++;
            }
            // The same canvas as the page sends it: each stroke's glyph is known, and touching glyphs stay apart.
            var strokeGroups = CanvasSegmenter.Group(CanvasSegmenter.Atoms(canvas.Strokes));
            strokes.Count(strokeGroups, LineMetrics.Of(strokeGroups), [.. canvas.StrokeGlyphs]);
        }
        return new LayoutParameters(
            $"tests/Benchmarks --estimate-layout: {count} composed held-out canvases, seed {seed}",
            count,
            logHeights.Keys.Order(StringComparer.Ordinal).ToDictionary(k => k, k => new SymbolLayout(Normal.Fit(logHeights[k]), Normal.Fit(logWidths[k]), Normal.Fit(offsets[k]), logHeights[k].Count)),
            Normal.Fit(digitGaps),
            Normal.Fit(otherGaps),
            GapBinEdges,
            components.Same,
            components.Different,
            components.StackedOne,
            components.StackedSeveral,
            SymbolBonus: 0,
            WideOneSymbol: wideOne,
            WideTwoSymbols: wideTwo,
            Successors: successors.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, int>)p.Value),
            Strokes: new StrokeGrouping(strokes.Same, strokes.Different, strokes.StackedOne, strokes.StackedSeveral));
    }

    /// <summary>How often stacked atoms, and neighbouring groups at each gap, are one symbol, given each atom's glyph.</summary>
    private sealed class GroupingCounter
    {
        public int[] Same { get; } = new int[GapBinEdges.Length + 1];
        public int[] Different { get; } = new int[GapBinEdges.Length + 1];
        public int StackedOne { get; private set; }
        public int StackedSeveral { get; private set; }

        public void Count(IReadOnlyList<SymbolGroup> groups, LineMetrics line, int[] owner)
        {
            for (int i = 0; i < groups.Count; i++)
            {
                var owners = groups[i].Atoms.Select(a => owner[a]).Distinct().ToList();
                if (groups[i].Atoms.Count > 1)
                {
                    if (owners.Count == 1) StackedOne++;
                    else StackedSeveral++;
                }
                if (i + 1 == groups.Count) continue;
                var nextOwners = groups[i + 1].Atoms.Select(a => owner[a]).Distinct().ToList();
                double between = -groups[i].Box.HorizontalOverlap(groups[i + 1].Box) / (double)line.SymbolHeight;
                int bin = 0;
                while (bin < GapBinEdges.Length && between >= GapBinEdges[bin]) bin++;
                bool oneSymbol = owners.Count == 1 && nextOwners.Count == 1 && owners[0] == nextOwners[0];
                (oneSymbol ? Same : Different)[bin]++;
            }
        }
    }

    /// <summary>
    /// The symbol bonus that reads composed canvases (seed <paramref name="seed"/>, not the benchmark's) best, from a grid;
    /// prints each value's score, so the choice can be checked.
    /// </summary>
    public static async Task<LayoutParameters> TuneSymbolBonusAsync(LayoutParameters parameters, ComposedCanvases composer, MathCluster.Recognition.Classification.IGlyphClassifier classifier, int count, int seed)
    {
        double bestBonus = 0, bestWeight = 0, bestAccuracy = -1;
        // Weight 0 is the reader without the label bigram: the grid is its ablation too.
        foreach (double weight in new[] { 0, 0.5, 1 })
        foreach (double bonus in new[] { 1.5, 2, 2.5, 3, 3.5, 4 })
        {
            var tuned = parameters with { SymbolBonus = bonus, SequenceWeight = weight };
            var result = await CanvasAccuracyBenchmark.RunAsync(composer, classifier, count, seed, new LayoutModel(tuned));
            Console.WriteLine($"  label bigram weight {weight}, symbol bonus {bonus}: {result.Accuracy:P1} of {count} estimation canvases exactly right");
            // On a tie the larger bonus: fewer merges of close neighbours (a 1 beside a 2), which these canvases seldom test.
            if (result.Accuracy >= bestAccuracy) (bestBonus, bestWeight, bestAccuracy) = (bonus, weight, result.Accuracy);
        }
        return parameters with
        {
            SymbolBonus = bestBonus,
            SequenceWeight = bestWeight,
            Source = parameters.Source + $"; symbol bonus {bestBonus} and label bigram weight {bestWeight} tuned on {count} canvases, seed {seed}",
        };
    }

    /// <summary>The glyph whose placed box holds the atom's centre (placed boxes never overlap horizontally), else the nearest.</summary>
    internal static int Owner(PixelBox atom, IReadOnlyList<PixelBox> placed)
    {
        float x = atom.X + atom.Width / 2f;
        int best = 0;
        float bestDistance = float.MaxValue;
        for (int g = 0; g < placed.Count; g++)
        {
            float distance = x < placed[g].X ? placed[g].X - x : x >= placed[g].Right ? x - placed[g].Right + 1 : 0;
            if (distance < bestDistance) (best, bestDistance) = (g, distance);
        }
        return best;
    }

    private static void Add(Dictionary<string, List<double>> values, string key, double value)
    {
        if (!values.TryGetValue(key, out var list)) values[key] = list = [];
        list.Add(value);
    }
}
