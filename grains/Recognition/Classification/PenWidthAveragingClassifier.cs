namespace MathCluster.Recognition.Classification;

/// <summary>
/// Reads again, a little bolder and a little finer, every glyph the model is unsure of (top probability under
/// <see cref="UnsureBelow"/>), and averages the three answers. The pen's width is where a page differs most from the
/// training data, and these are the two stroke-width augmentations the trainer draws (half-dilated, half-eroded), so
/// the model has learnt each; a confident glyph costs nothing extra. Canvas reading only: /v2 serves the model as is.
/// </summary>
public sealed class PenWidthAveragingClassifier(IGlyphClassifier model) : IGlyphClassifier
{
    public const float UnsureBelow = 0.9f;
    private const int Size = GlyphNormalizer.Size;

    public string Version => model.Version;

    public IReadOnlyList<string> Classes => model.Classes;

    public async ValueTask<float[]> ClassifyAsync(float[] glyphs, int count, CancellationToken cancellationToken = default)
    {
        var probabilities = await model.ClassifyAsync(glyphs, count, cancellationToken);
        int classes = Classes.Count;
        var unsure = new List<int>();
        for (int i = 0; i < count; i++)
        {
            var row = probabilities.AsSpan(i * classes, classes);
            if (row[GlyphPrediction.BestClass(row)] < UnsureBelow) unsure.Add(i);
        }
        if (unsure.Count == 0) return probabilities;

        var variants = new float[unsure.Count * 2 * GlyphNormalizer.PixelCount];
        for (int u = 0; u < unsure.Count; u++)
        {
            var glyph = glyphs.AsSpan(unsure[u] * GlyphNormalizer.PixelCount, GlyphNormalizer.PixelCount);
            HalfMorphed(glyph, variants.AsSpan(2 * u * GlyphNormalizer.PixelCount, GlyphNormalizer.PixelCount), bolder: true);
            HalfMorphed(glyph, variants.AsSpan((2 * u + 1) * GlyphNormalizer.PixelCount, GlyphNormalizer.PixelCount), bolder: false);
        }
        var again = await model.ClassifyAsync(variants, unsure.Count * 2, cancellationToken);
        for (int u = 0; u < unsure.Count; u++)
        for (int c = 0; c < classes; c++)
        {
            ref float p = ref probabilities[unsure[u] * classes + c];
            p = (p + again[2 * u * classes + c] + again[(2 * u + 1) * classes + c]) / 3;
        }
        return probabilities;
    }

    /// <summary>The glyph averaged with its 3x3 maximum (bolder) or minimum (finer), as the trainer's augmenter does.</summary>
    private static void HalfMorphed(ReadOnlySpan<float> glyph, Span<float> output, bool bolder)
    {
        for (int y = 0; y < Size; y++)
        for (int x = 0; x < Size; x++)
        {
            float extreme = glyph[y * Size + x];
            for (int j = Math.Max(0, y - 1); j <= Math.Min(Size - 1, y + 1); j++)
            for (int i = Math.Max(0, x - 1); i <= Math.Min(Size - 1, x + 1); i++)
                extreme = bolder ? Math.Max(extreme, glyph[j * Size + i]) : Math.Min(extreme, glyph[j * Size + i]);
            output[y * Size + x] = (glyph[y * Size + x] + extreme) / 2;
        }
    }
}
