using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Expressions;
using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Reading;
using MathCluster.Recognition.Segmentation;

namespace MathCluster.Recognition;

public sealed record RecognizedSymbol(string Label, float Confidence, PixelBox Box, IReadOnlyList<LabelScore> Alternatives);

/// <summary>
/// Everything recognised on one canvas, and the model version that classified it. <see cref="Confidence"/> is the chosen
/// reading's share of the probability mass of the readings the search weighed.
/// </summary>
public sealed record CanvasRecognition(IReadOnlyList<RecognizedSymbol> Symbols, ExpressionResult Expression, double Confidence, string ModelVersion);

/// <summary>
/// The whole pipeline for one canvas: ink (decoded PNG or drawn strokes) → atoms grouped into symbol candidates →
/// normalise → classify (every candidate, one batch) → read in context (<see cref="ReadingSearch"/>) → evaluate.
/// </summary>
public static class CanvasRecognizer
{
    /// <exception cref="CanvasImageException">The PNG is empty, unreadable or too large.</exception>
    /// <exception cref="TooManySymbolsException">More symbols than one request may hold.</exception>
    /// <param name="layout">The layout model to read with (default: the committed parameters).</param>
    public static Task<CanvasRecognition> RecognizeAsync(ReadOnlyMemory<byte> png, IGlyphClassifier classifier, CancellationToken cancellationToken = default, LayoutModel? layout = null)
    {
        InkImage canvas;
        using (var decode = RecognitionTelemetry.Source.StartActivity("decode"))
        {
            canvas = CanvasDecoder.Decode(png.Span);
            decode?.SetTag("image.width", canvas.Width).SetTag("image.height", canvas.Height);
        }
        return ReadAsync(() => CanvasSegmenter.Atoms(canvas), classifier, layout ?? LayoutModel.Default, cancellationToken);
    }

    /// <summary>Stroke input: the strokes are drawn straight into ink, symbol by symbol; no image is encoded or decoded.</summary>
    /// <exception cref="TooManySymbolsException">More symbols than one request may hold.</exception>
    public static Task<CanvasRecognition> RecognizeAsync(StrokeCanvas strokes, IGlyphClassifier classifier, CancellationToken cancellationToken = default, LayoutModel? layout = null) =>
        ReadAsync(() => CanvasSegmenter.Atoms(strokes), classifier, layout ?? LayoutModel.Default, cancellationToken);

    private static async Task<CanvasRecognition> ReadAsync(Func<CanvasInk> atoms, IGlyphClassifier classifier, LayoutModel layout, CancellationToken cancellationToken)
    {
        CanvasInk ink;
        SymbolLattice lattice;
        using (var segment = RecognitionTelemetry.Source.StartActivity("segment"))
        {
            ink = atoms();
            lattice = SymbolLattice.Build(ink, CanvasSegmenter.Group(ink));
            segment?.SetTag("symbols", lattice.Groups.Count).SetTag("candidates", lattice.Candidates.Count);
        }
        float[] glyphs;
        using (RecognitionTelemetry.Source.StartActivity("normalise"))
            glyphs = GlyphNormalizer.NormalizeBatch(lattice.Candidates.Select(c => ink.Draw(c.Atoms, c.Box)).ToList());

        int count = lattice.Candidates.Count;
        float[] probabilities = [];
        if (count > 0)
        {
            using var classify = RecognitionTelemetry.Source.StartActivity("classify");
            classify?.SetTag(RecognitionTelemetry.ModelVersionTag, classifier.Version).SetTag(RecognitionTelemetry.BatchSizeTag, count);
            probabilities = await classifier.ClassifyAsync(glyphs, count, cancellationToken);
        }

        using var parse = RecognitionTelemetry.Source.StartActivity("parse");
        var labels = Enumerable.Range(0, count)
            .Select(i => GlyphPrediction.FromProbabilities(probabilities, i, classifier.Classes, ReadingSearch.LabelsPerCandidate - 1))
            .Select(p => (IReadOnlyList<LabelScore>)[new LabelScore(p.Label, p.Confidence), .. p.Alternatives])
            .ToList();
        var reading = ReadingSearch.Read(lattice, labels, layout);
        var expression = ExpressionEvaluator.Evaluate(reading.Symbols.Select(s => s.Label).ToList());
        parse?.SetTag("expression", expression.Expression).SetTag("error.kind", expression.ErrorKind.ToString())
            .SetTag("reading.confidence", reading.Confidence).SetTag("reading.work", reading.Work);
        var recognized = reading.Symbols.Select(s => new RecognizedSymbol(s.Label, s.Confidence, s.Group.Box, s.Alternatives)).ToList();
        foreach (var symbol in recognized)
        {
            RecognitionTelemetry.Predictions.Add(1, new KeyValuePair<string, object?>(RecognitionTelemetry.ClassTag, symbol.Label));
            RecognitionTelemetry.Confidence.Record(symbol.Confidence);
        }
        return new CanvasRecognition(recognized, expression, reading.Confidence, classifier.Version);
    }
}
