using MathCluster.Recognition.Classification;

namespace MathCluster.Recognition.Tests;

public class PenWidthAveragingClassifierTests
{
    /// <summary>
    /// A model that is sure of a glyph with more than 30 ink pixels ("8") and unsure of a thinner one (0.6 "1", 0.4 "7"),
    /// and records every batch it is asked to read.
    /// </summary>
    private sealed class InkCountingModel : IGlyphClassifier
    {
        public List<float[]> Batches { get; } = [];
        public string Version => "test";
        public IReadOnlyList<string> Classes { get; } = SymbolClasses.All;

        public ValueTask<float[]> ClassifyAsync(float[] glyphs, int count, CancellationToken cancellationToken = default)
        {
            Batches.Add(glyphs);
            var probabilities = new float[count * Classes.Count];
            for (int i = 0; i < count; i++)
            {
                float ink = glyphs.AsSpan(i * GlyphNormalizer.PixelCount, GlyphNormalizer.PixelCount).ToArray().Sum();
                if (ink > 30) probabilities[i * Classes.Count + SymbolClasses.IndexOf("8")] = 1;
                else
                {
                    probabilities[i * Classes.Count + SymbolClasses.IndexOf("1")] = 0.6f;
                    probabilities[i * Classes.Count + SymbolClasses.IndexOf("7")] = 0.4f;
                }
            }
            return ValueTask.FromResult(probabilities);
        }
    }

    /// <summary>A vertical stroke <paramref name="length"/> pixels long and 2 wide in the middle of the field.</summary>
    private static float[] Stroke(int length)
    {
        var glyph = new float[GlyphNormalizer.PixelCount];
        for (int y = 4; y < 4 + length; y++) glyph[y * GlyphNormalizer.Size + 13] = glyph[y * GlyphNormalizer.Size + 14] = 1;
        return glyph;
    }

    [Fact]
    public async Task ASureGlyph_IsReadOnce()
    {
        var model = new InkCountingModel();

        var probabilities = await new PenWidthAveragingClassifier(model).ClassifyAsync(Stroke(20), 1);

        Assert.Single(model.Batches);
        Assert.Equal(1f, probabilities[SymbolClasses.IndexOf("8")]);
    }

    [Fact]
    public async Task AnUnsureGlyph_IsReadAgainBolderAndFiner_AndTheThreeAnswersAveraged()
    {
        var model = new InkCountingModel();
        // Glyph 0 is sure (40 ink), glyph 1 unsure (24 ink; drawn bolder it passes 30 and reads 8, finer it stays 1/7).
        float[] glyphs = [.. Stroke(20), .. Stroke(12)];

        var probabilities = await new PenWidthAveragingClassifier(model).ClassifyAsync(glyphs, 2);

        Assert.Equal(2, model.Batches.Count);
        var again = model.Batches[1];
        Assert.Equal(2 * GlyphNormalizer.PixelCount, again.Length);
        float original = Stroke(12).Sum(), bolder = again.AsSpan(0, GlyphNormalizer.PixelCount).ToArray().Sum(), finer = again.AsSpan(GlyphNormalizer.PixelCount).ToArray().Sum();
        Assert.True(bolder > original && finer < original, $"bolder {bolder}, original {original}, finer {finer}");
        int classes = SymbolClasses.Count;
        Assert.Equal(1f, probabilities[SymbolClasses.IndexOf("8")]);
        Assert.Equal(1f / 3, probabilities[classes + SymbolClasses.IndexOf("8")], 5);
        Assert.Equal(1.2f / 3, probabilities[classes + SymbolClasses.IndexOf("1")], 5);
        Assert.Equal(0.8f / 3, probabilities[classes + SymbolClasses.IndexOf("7")], 5);
    }
}
