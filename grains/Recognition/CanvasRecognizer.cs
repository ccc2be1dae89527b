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
        var canvas = CanvasDecoder.Decode(png.Span);
        var symbols = CanvasSegmenter.Segment(canvas);
        var glyphs = new float[symbols.Count * GlyphNormalizer.PixelCount];
        for (int i = 0; i < symbols.Count; i++)
            GlyphNormalizer.Normalize(symbols[i].Glyph, glyphs.AsSpan(i * GlyphNormalizer.PixelCount, GlyphNormalizer.PixelCount));

        var probabilities = symbols.Count > 0 ? await classifier.ClassifyAsync(glyphs, symbols.Count, cancellationToken) : [];
        var predictions = Enumerable.Range(0, symbols.Count)
            .Select(i => GlyphPrediction.FromProbabilities(probabilities, i, classifier.Classes))
            .ToList();
        var (read, expression) = ContextualReading.Read(predictions);
        var recognized = read.Select((p, i) => new RecognizedSymbol(p.Label, p.Confidence, symbols[i].Box, p.Alternatives)).ToList();
        return new CanvasRecognition(recognized, expression, classifier.Version);
    }
}
