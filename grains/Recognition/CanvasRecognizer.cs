using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Expressions;
using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Segmentation;

namespace MathCluster.Recognition;

public sealed record RecognizedSymbol(string Label, float Confidence, PixelBox Box, IReadOnlyList<LabelScore> Alternatives);

/// <summary>Everything recognised on one canvas, and the model version that classified it.</summary>
public sealed record CanvasRecognition(IReadOnlyList<RecognizedSymbol> Symbols, ExpressionResult Expression, string ModelVersion);

/// <summary>The whole pipeline for one canvas: decode → segment → normalise → classify → read in context → parse and evaluate.</summary>
public static class CanvasRecognizer
{
    /// <exception cref="CanvasImageException">The PNG is empty, unreadable or too large.</exception>
    /// <exception cref="TooManySymbolsException">More symbols than one request may hold.</exception>
    public static async Task<CanvasRecognition> RecognizeAsync(ReadOnlyMemory<byte> png, IGlyphClassifier classifier, CancellationToken cancellationToken = default)
    {
        InkImage canvas;
        using (var decode = RecognitionTelemetry.Source.StartActivity("decode"))
        {
            canvas = CanvasDecoder.Decode(png.Span);
            decode?.SetTag("image.width", canvas.Width).SetTag("image.height", canvas.Height);
        }
        IReadOnlyList<SegmentedSymbol> symbols;
        using (var segment = RecognitionTelemetry.Source.StartActivity("segment"))
        {
            symbols = CanvasSegmenter.Segment(canvas);
            segment?.SetTag("symbols", symbols.Count);
        }
        float[] glyphs;
        using (RecognitionTelemetry.Source.StartActivity("normalise"))
            glyphs = GlyphNormalizer.NormalizeBatch(symbols.Select(s => s.Glyph).ToList());

        float[] probabilities = [];
        if (symbols.Count > 0)
        {
            using var classify = RecognitionTelemetry.Source.StartActivity("classify");
            classify?.SetTag(RecognitionTelemetry.ModelVersionTag, classifier.Version).SetTag(RecognitionTelemetry.BatchSizeTag, symbols.Count);
            probabilities = await classifier.ClassifyAsync(glyphs, symbols.Count, cancellationToken);
        }

        using var parse = RecognitionTelemetry.Source.StartActivity("parse");
        var predictions = Enumerable.Range(0, symbols.Count)
            .Select(i => GlyphPrediction.FromProbabilities(probabilities, i, classifier.Classes))
            .ToList();
        var (read, expression) = ContextualReading.Read(predictions);
        parse?.SetTag("expression", expression.Expression).SetTag("error.kind", expression.ErrorKind.ToString());
        var recognized = read.Select((p, i) => new RecognizedSymbol(p.Label, p.Confidence, symbols[i].Box, p.Alternatives)).ToList();
        foreach (var symbol in recognized)
        {
            RecognitionTelemetry.Predictions.Add(1, new KeyValuePair<string, object?>(RecognitionTelemetry.ClassTag, symbol.Label));
            RecognitionTelemetry.Confidence.Record(symbol.Confidence);
        }
        return new CanvasRecognition(recognized, expression, classifier.Version);
    }
}
