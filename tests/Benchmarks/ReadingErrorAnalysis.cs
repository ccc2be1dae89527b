using System.Globalization;
using System.Text;
using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Reading;
using MathCluster.Recognition.Segmentation;
using MathCluster.TestSupport;

namespace MathCluster.Benchmarks;

/// <summary>
/// Why composed canvases are misread: each misread canvas is read the way the server reads it (PNG or strokes, atoms, lattice, one
/// classifier batch, the search) and compared with the true grouping (atoms owned by each placed glyph) and labels.
/// Each error gets one cause: the true grouping is not in the lattice; the search chose another grouping; or, with the
/// true grouping, a wrong label that the classifier ranked first, that it ranked below the truth but the layout or
/// grammar overruled, or that the classifier did not list at all. When the truth scores higher than the reading chosen,
/// the beam lost it. Writes errors.md with every misread canvas and a table of causes, and each misread canvas as canvases/N.png.
/// </summary>
public static class ReadingErrorAnalysis
{
    /// <param name="asStrokes">Read each canvas from its pen strokes (as the drawing page sends it) instead of as a PNG.</param>
    public static async Task RunAsync(ComposedCanvases composer, IGlyphClassifier classifier, int count, int seed, string output, bool asStrokes = false)
    {
        var random = new Random(seed);
        var causes = new Dictionary<string, int>();
        var tally = new GlyphTally();
        var details = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        int right = 0;
        for (int n = 0; n < count; n++)
        {
            var canvas = composer.Next(random);
            var ink = asStrokes ? CanvasSegmenter.Atoms(canvas.Strokes) : CanvasSegmenter.Atoms(CanvasDecoder.Decode(PngFiles.TransparentInk(canvas.Ink)));
            var lattice = SymbolLattice.Build(ink, CanvasSegmenter.Group(ink));
            var glyphs = GlyphNormalizer.NormalizeBatch(lattice.Candidates.Select(g => ink.Draw(g.Atoms, g.Box)).ToList());
            var probabilities = await new PenWidthAveragingClassifier(classifier).ClassifyAsync(glyphs, lattice.Candidates.Count, CancellationToken.None);
            var labels = Enumerable.Range(0, lattice.Candidates.Count)
                .Select(i => GlyphPrediction.FromProbabilities(probabilities, i, classifier.Classes, ReadingSearch.LabelsPerCandidate - 1))
                .Select(p => (IReadOnlyList<LabelScore>)[new LabelScore(p.Label, p.Confidence), .. p.Alternatives])
                .ToList();
            var layout = LayoutModel.Default;
            var reading = ReadingSearch.Read(lattice, labels, layout);
            var owner = asStrokes ? [.. canvas.StrokeGlyphs] : ink.Atoms.Select(a => LayoutEstimator.Owner(a, canvas.Boxes)).ToArray();
            var trueAtoms = canvas.Labels.Select((_, g) => Enumerable.Range(0, owner.Length).Where(a => owner[a] == g).ToList()).ToList();
            var truePath = TruePath(lattice, trueAtoms);
            if (truePath is not null)
                for (int g = 0; g < truePath.Count; g++)
                    tally.Count(canvas.Labels[g], labels[truePath[g]]);
            string truth = string.Concat(canvas.Labels), read = string.Concat(reading.Symbols.Select(s => s.Label));
            if (truth == read) { right++; continue; }

            string cause;
            var chosenKeys = reading.Symbols.Select(s => Key(s.Group.Atoms)).ToList();
            var trueKeys = trueAtoms.Select(Key).ToList();
            double chosenScore = Score(lattice, labels, layout, reading.Symbols.Select(s => (Candidate(lattice, s.Group), s.Label)).ToList());
            if (truePath is null) cause = trueAtoms.Any(a => a.Count == 0) ? "grouping: truth not in lattice (touching glyphs share an atom)" : "grouping: truth not in lattice";
            else
            {
                var symbols = truePath.Select((candidate, g) => (candidate, canvas.Labels[g])).ToList();
                bool listed = symbols.All(s => ReadingSearch.Options(labels[s.candidate]).Any(o => o.Label == s.Item2));
                double trueScore = listed ? Score(lattice, labels, layout, symbols) : double.NegativeInfinity;
                bool sameGrouping = chosenKeys.SequenceEqual(trueKeys);
                string lost = listed && trueScore > chosenScore ? " [truth scores higher: beam lost it]" : "";
                if (!sameGrouping)
                {
                    bool merged = chosenKeys.Count < trueKeys.Count;
                    cause = (chosenKeys.Count == trueKeys.Count ? "grouping: regrouped" : merged ? "grouping: merged" : "grouping: split") + (listed ? "" : " (a true label not in top-k)") + lost;
                }
                else
                {
                    var wrong = Enumerable.Range(0, trueKeys.Count).Where(g => reading.Symbols[g].Label != canvas.Labels[g]).ToList();
                    var kinds = wrong.Select(g =>
                    {
                        var options = ReadingSearch.Options(labels[truePath[g]]);
                        if (options.All(o => o.Label != canvas.Labels[g])) return "classifier wrong entirely";
                        return options[0].Label == canvas.Labels[g] ? "layout/grammar overruled a right top-1" : "classifier top-1 wrong, truth in top-k";
                    }).Distinct().ToList();
                    cause = string.Join(" + ", kinds) + lost;
                    foreach (int g in wrong) Add(causes, $"  symbol {canvas.Labels[g]} → {reading.Symbols[g].Label}");
                }
            }
            Add(causes, cause);
            details.AppendLine(c, $"### {n}: {truth} → {read}  ({cause}; canvases/{n}.png)");
            Directory.CreateDirectory(Path.Combine(output, "canvases"));
            File.WriteAllBytes(Path.Combine(output, "canvases", $"{n}.png"), PngFiles.BlackOnWhite(canvas.Ink));
            details.AppendLine(c, $"line height {lattice.Line.SymbolHeight:F0}, chosen score {chosenScore:F2}");
            details.AppendLine($"true grouping:   {string.Join(" ", trueKeys.Select((k, g) => $"{canvas.Labels[g]}[{k}]"))}");
            details.AppendLine($"chosen grouping: {string.Join(" ", reading.Symbols.Select(s => $"{s.Label}[{Key(s.Group.Atoms)}]"))}");
            for (int i = 0; i < lattice.Candidates.Count; i++)
            {
                var box = lattice.Candidates[i].Box;
                details.AppendLine(c, $"  cand [{Key(lattice.Candidates[i].Atoms)}] box {box.X},{box.Y} {box.Width}x{box.Height}: {string.Join(", ", labels[i].Select(l => $"{l.Label} {l.Confidence:F3}"))}");
            }
            details.AppendLine();
        }
        var md = new StringBuilder();
        md.AppendLine(c, $"{right}/{count} composed canvases (seed {seed}, read from {(asStrokes ? "strokes" : "PNG")}) exactly right. Causes of the misreads:");
        md.AppendLine();
        md.AppendLine("| cause | canvases |");
        md.AppendLine("| --- | ---: |");
        foreach (var (cause, n) in causes.OrderBy(kv => kv.Key.StartsWith(' ')).ThenByDescending(kv => kv.Value)) md.AppendLine(c, $"| {cause} | {n} |");
        md.AppendLine();
        md.Append(tally.Table());
        md.AppendLine();
        md.Append(details);
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "errors.md"), md.ToString());
        Console.WriteLine(md.ToString().Split("\n###")[0]);
    }

    /// <summary>The classifier alone on the glyphs of the canvases, each cut out as the true grouping (where the lattice has it).</summary>
    private sealed class GlyphTally
    {
        private readonly SortedDictionary<string, (int Glyphs, int Top1, int Listed)> _byLabel = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, int>> _readAs = [];

        public void Count(string label, IReadOnlyList<LabelScore> scores)
        {
            var (glyphs, top1, listed) = _byLabel.GetValueOrDefault(label);
            _byLabel[label] = (glyphs + 1, top1 + (scores[0].Label == label ? 1 : 0), listed + (scores.Any(s => s.Label == label) ? 1 : 0));
            if (scores[0].Label == label) return;
            if (!_readAs.TryGetValue(label, out var wrong)) _readAs[label] = wrong = [];
            wrong[scores[0].Label] = wrong.GetValueOrDefault(scores[0].Label) + 1;
        }

        public string Table()
        {
            var c = CultureInfo.InvariantCulture;
            var md = new StringBuilder();
            int all = _byLabel.Values.Sum(v => v.Glyphs), top1 = _byLabel.Values.Sum(v => v.Top1);
            md.AppendLine(c, $"The classifier alone on the canvases' glyphs (true grouping): {top1}/{all} = {(double)top1 / Math.Max(1, all):P2} top-1.");
            md.AppendLine();
            md.AppendLine("| label | glyphs | top-1 | in the top four | read first as |");
            md.AppendLine("| --- | ---: | ---: | ---: | --- |");
            foreach (var (label, (glyphs, right, listed)) in _byLabel)
            {
                var wrong = _readAs.GetValueOrDefault(label) ?? [];
                string readAs = string.Join(", ", wrong.OrderByDescending(w => w.Value).Take(4).Select(w => $"`{w.Key}` {w.Value}"));
                md.AppendLine(c, $"| `{label}` | {glyphs} | {(double)right / glyphs:P2} | {(double)listed / glyphs:P2} | {readAs} |");
            }
            return md.ToString();
        }
    }

    private static string Key(IEnumerable<int> atoms) => string.Join(",", atoms.Order());

    /// <summary>The lattice candidate read as <paramref name="group"/>: the same atoms and box (a cut part shares its atom).</summary>
    private static int Candidate(SymbolLattice lattice, SymbolGroup group)
    {
        for (int i = 0; i < lattice.Candidates.Count; i++)
            if (lattice.Candidates[i].Key == group.Key) return i;
        throw new InvalidOperationException("A chosen group is not a lattice candidate.");
    }

    /// <summary>The lattice candidates, one per glyph, that read the true grouping, or null when no path of edges does.</summary>
    private static List<int>? TruePath(SymbolLattice lattice, List<List<int>> trueAtoms)
    {
        var keys = trueAtoms.Select(Key).ToList();
        List<int>? Walk(int position, int glyph)
        {
            if (position == lattice.Groups.Count) return glyph == keys.Count ? [] : null;
            foreach (var edge in lattice.Edges[position])
            {
                if (glyph + edge.Candidates.Count > keys.Count) continue;
                if (!edge.Candidates.Select((cand, k) => Key(lattice.Candidates[cand].Atoms) == keys[glyph + k]).All(m => m)) continue;
                if (Walk(edge.To, glyph + edge.Candidates.Count) is { } rest) return [.. edge.Candidates, .. rest];
            }
            return null;
        }
        return Walk(0, 0);
    }

    /// <summary>The search's score of one reading (candidates and labels in order), its terms replayed edge by edge.</summary>
    private static double Score(SymbolLattice lattice, IReadOnlyList<IReadOnlyList<LabelScore>> labels, LayoutModel layout, List<(int Candidate, string Label)> symbols)
    {
        double score = 0;
        (string Label, PixelBox Box)? previous = null;
        int position = 0, at = 0;
        while (at < symbols.Count)
        {
            var edge = lattice.Edges[position].First(e => e.Candidates.SequenceEqual(symbols.Skip(at).Take(e.Candidates.Count).Select(s => s.Candidate)));
            score += ReadingSearch.EdgePrior(lattice, edge, layout);
            for (int part = 0; part < edge.Candidates.Count; part++)
            {
                int candidate = edge.Candidates[part];
                string label = symbols[at++].Label;
                var box = lattice.Candidates[candidate].Box;
                float p = ReadingSearch.Options(labels[candidate]).FirstOrDefault(o => o.Label == label).Confidence;
                score += ReadingSearch.SymbolScore(lattice, edge, part, previous, label, box, p, layout);
                previous = (label, box);
            }
            position = edge.To;
        }
        return score;
    }

    private static void Add(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
