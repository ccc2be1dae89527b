using System.Diagnostics;
using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Expressions;
using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Layout;
using MathCluster.Recognition.Reading;
using MathCluster.Recognition.Segmentation;

namespace MathCluster.Recognition;

public sealed record RecognizedSymbol(string Label, float Confidence, PixelBox Box, IReadOnlyList<LabelScore> Alternatives);

/// <summary>
/// Everything recognised on one canvas, and the model version that classified it. <see cref="Confidence"/> is the chosen
/// reading's share of the probability mass of the readings the search weighed. <see cref="Formula"/> holds the parse
/// tree (null when the symbols form no formula), from which LaTeX, MathML and the structure are written; its symbol
/// indexes are indexes into <see cref="Symbols"/>.
/// </summary>
public sealed record CanvasRecognition(IReadOnlyList<RecognizedSymbol> Symbols, ExpressionResult Expression, double Confidence, string ModelVersion, LayoutReading Formula);

/// <summary>
/// The whole pipeline for one canvas: ink (decoded PNG or drawn strokes) → atoms → 2-D layout (fraction bars, exponent
/// rows, dots; <see cref="InkLayout"/>) → each row's atoms grouped into symbol candidates → normalise → classify (every
/// candidate, one batch) → each row read in context (<see cref="ReadingSearch"/>) → the formula's structure and value
/// (<see cref="FormulaReader"/>). The token is checked between stages, so a cancelled request stops working.
/// </summary>
public static class CanvasRecognizer
{
    private const float PieceConfidence = 0.9f;

    /// <exception cref="CanvasImageException">The PNG is empty, unreadable or too large.</exception>
    /// <exception cref="TooManySymbolsException">More symbols than one request may hold.</exception>
    /// <param name="layout">The layout model to read with (default: the committed parameters).</param>
    public static Task<CanvasRecognition> RecognizeAsync(ReadOnlyMemory<byte> png, IGlyphClassifier classifier, CancellationToken cancellationToken = default, LayoutModel? layout = null)
    {
        InkImage canvas;
        using (var decode = RecognitionTelemetry.StartStage("decode"))
        {
            canvas = CanvasDecoder.Decode(png.Span);
            decode?.SetTag("image.width", canvas.Width).SetTag("image.height", canvas.Height);
        }
        return ReadAsync(() => CanvasSegmenter.Atoms(canvas), classifier, layout ?? LayoutModel.Default, cancellationToken);
    }

    /// <summary>
    /// Runs every stage on a canvas and on strokes, as a request would, but unobserved: no span, no metric. A silo
    /// does this before it reports ready, so the first real canvases meet JIT-compiled, tiered-up code.
    /// </summary>
    public static async Task WarmUpAsync(ReadOnlyMemory<byte> png, StrokeCanvas strokes, IGlyphClassifier classifier, CancellationToken cancellationToken)
    {
        using var unobserved = RecognitionTelemetry.Unobserved();
        await RecognizeAsync(png, classifier, cancellationToken);
        await RecognizeAsync(strokes, classifier, cancellationToken);
    }

    /// <summary>Stroke input: the strokes are drawn straight into ink, symbol by symbol; no image is encoded or decoded.</summary>
    /// <exception cref="TooManySymbolsException">More symbols than one request may hold.</exception>
    public static Task<CanvasRecognition> RecognizeAsync(StrokeCanvas strokes, IGlyphClassifier classifier, CancellationToken cancellationToken = default, LayoutModel? layout = null) =>
        ReadAsync(() => CanvasSegmenter.Atoms(strokes), classifier, layout ?? LayoutModel.Default, cancellationToken);

    private static async Task<CanvasRecognition> ReadAsync(Func<CanvasInk> atoms, IGlyphClassifier classifier, LayoutModel layoutModel, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        CanvasInk ink;
        InkLayout layout;
        using (var segment = RecognitionTelemetry.StartStage("segment"))
        {
            ink = atoms();
            layout = InkLayout.Of(ink);
            segment?.SetTag("symbols", layout.Rows.Sum(r => r.Groups.Count) + layout.Bars.Count + layout.Dots.Count).SetTag("rows", layout.Rows.Count);
        }

        var reader = new LayoutReader(ink, new PenWidthAveragingClassifier(classifier), layoutModel, RecognitionTelemetry.StartStage);
        var (formula, rows) = await reader.ReadAsync(layout, cancellationToken);
        if (layout.Exponents.Count > 0)
        {
            // A raised run that reads as no confident symbol on its own, but left in the line makes one confident
            // symbol with its neighbour, is a piece of that symbol (a digit broken at its upper right), not an exponent.
            var exponentAtoms = layout.Exponents.SelectMany(e => e).ToHashSet();
            bool unsure = rows.SelectMany(r => r.Symbols).Any(s => s.Group.Atoms.All(exponentAtoms.Contains) && s.Confidence < PieceConfidence);
            if (unsure)
            {
                var (inLine, lineRows) = await reader.ReadAsync(InkLayout.Of(ink, findExponents: false), cancellationToken);
                if (lineRows.SelectMany(r => r.Symbols).Any(s => s.Confidence >= PieceConfidence
                        && s.Group.Atoms.Any(exponentAtoms.Contains) && !s.Group.Atoms.All(exponentAtoms.Contains)))
                    (formula, rows) = (inLine, lineRows);
            }
        }

        using var parse = RecognitionTelemetry.StartStage("parse");
        var expression = formula.Reading.Evaluation;
        parse?.SetTag("expression", expression.Expression).SetTag("error.kind", expression.ErrorKind.ToString())
            .SetTag("reading.confidence", formula.Confidence).SetTag("reading.work", rows.Sum(r => r.Work));
        var recognized = formula.Symbols.Select(s => new RecognizedSymbol(s.Label, s.Confidence, s.Box, s.Alternatives)).ToList();
        foreach (var symbol in RecognitionTelemetry.Observed ? recognized : [])
        {
            RecognitionTelemetry.Predictions.Add(1, new KeyValuePair<string, object?>(RecognitionTelemetry.ClassTag, symbol.Label));
            RecognitionTelemetry.Confidence.Record(symbol.Confidence);
        }
        return new CanvasRecognition(recognized, expression, formula.Confidence, classifier.Version, formula.Reading);
    }

    /// <summary>
    /// Reads layouts of one canvas: each row's candidates classified (once per distinct group of atoms, however many
    /// layouts ask) and read in context, then the formula put together. The token is checked between stages.
    /// </summary>
    private sealed class LayoutReader(CanvasInk ink, IGlyphClassifier classifier, LayoutModel layoutModel, Func<string, Activity?> stage)
    {
        private readonly Dictionary<string, IReadOnlyList<LabelScore>> _labels = [];

        public async Task<(FormulaReading Formula, IReadOnlyList<LineReading> Rows)> ReadAsync(InkLayout layout, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lattices = layout.Rows.Select(row => SymbolLattice.Build(ink, row.Groups, row.Line)).ToList();
            var candidates = lattices.SelectMany(l => l.Candidates).Concat(layout.Bars.Select(b => new SymbolGroup([b], ink.Atoms[b]))).ToList();
            var labels = await LabelsAsync(candidates, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();

            var rows = new List<LineReading>();
            int offset = 0;
            for (int r = 0; r < lattices.Count; r++)
            {
                rows.Add(ReadingSearch.Read(lattices[r], labels.GetRange(offset, lattices[r].Candidates.Count), layoutModel, grammar: layout.Rows[r].IsWhole));
                offset += lattices[r].Candidates.Count;
            }
            return (FormulaReader.Read(layout, ink, rows, labels.GetRange(offset, layout.Bars.Count)), rows);
        }

        private async Task<List<IReadOnlyList<LabelScore>>> LabelsAsync(IReadOnlyList<SymbolGroup> groups, CancellationToken cancellationToken)
        {
            var missing = groups.DistinctBy(g => g.Key).Where(g => !_labels.ContainsKey(g.Key)).ToList();
            if (missing.Count > 0)
            {
                float[] glyphs;
                using (stage("normalise"))
                    glyphs = GlyphNormalizer.NormalizeBatch(missing.Select(c => ink.Draw(c.Atoms, c.Box)).ToList());
                cancellationToken.ThrowIfCancellationRequested();

                float[] probabilities;
                using (var classify = stage("classify"))
                {
                    classify?.SetTag(RecognitionTelemetry.ModelVersionTag, classifier.Version).SetTag(RecognitionTelemetry.BatchSizeTag, missing.Count);
                    probabilities = await classifier.ClassifyAsync(glyphs, missing.Count, cancellationToken);
                }
                for (int i = 0; i < missing.Count; i++)
                {
                    var p = GlyphPrediction.FromProbabilities(probabilities, i, classifier.Classes, ReadingSearch.LabelsPerCandidate - 1);
                    _labels[missing[i].Key] = [new LabelScore(p.Label, p.Confidence), .. p.Alternatives];
                }
            }
            return groups.Select(g => _labels[g.Key]).ToList();
        }
    }
}
