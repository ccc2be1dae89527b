using MathCluster.Recognition.Classification;
using MathCluster.TestSupport;

namespace MathCluster.Recognition.Tests;

public class OnnxGlyphClassifierTests
{
    private static readonly Lazy<OnnxGlyphClassifier> Model = new(() => new OnnxGlyphClassifier(DefaultModel.ModelBytes(), DefaultModel.Card()));

    /// <summary>A few normalised glyphs: blank, and synthetic 7, 4, ÷, -, 1.</summary>
    private static float[] Batch(out int count)
    {
        var glyphs = new[] { SyntheticGlyph.Seven, SyntheticGlyph.Four, SyntheticGlyph.Divide, SyntheticGlyph.Minus, SyntheticGlyph.One };
        count = glyphs.Length + 1;
        var batch = new float[count * GlyphNormalizer.PixelCount];
        for (int i = 0; i < glyphs.Length; i++)
            GlyphNormalizer.Normalize(glyphs[i].Draw(100, 6), batch.AsSpan((i + 1) * GlyphNormalizer.PixelCount, GlyphNormalizer.PixelCount));
        return batch;
    }

    [Fact]
    public void DefaultModel_CardMatchesTheModelAndTheContract()
    {
        var card = DefaultModel.Card();

        Assert.Equal(SymbolClasses.All, card.Classes);
        Assert.Equal(ModelCard.HashOf(DefaultModel.ModelBytes()), card.Sha256);
        Assert.Equal([-1L, 1, 28, 28], card.InputShape);
        Assert.Equal(ModelCard.InputName, card.InputTensor);
        Assert.Equal(ModelCard.OutputName, card.OutputTensor);
        Assert.False(string.IsNullOrWhiteSpace(card.Version));
    }

    [Fact]
    public void DefaultModel_Loads_AndAnswersWithTheCardsVersionAndClasses()
    {
        var model = Model.Value;

        Assert.Equal(DefaultModel.Card().Version, model.Version);
        Assert.Equal(SymbolClasses.All, model.Classes);
        Assert.Equal(18, model.ClassCount);
    }

    [Fact]
    public void Predict_GivesAProbabilityDistributionPerGlyph()
    {
        var batch = Batch(out int count);

        var probabilities = Model.Value.Predict(batch, count);

        Assert.Equal(count * 18, probabilities.Length);
        for (int row = 0; row < count; row++)
        {
            var p = probabilities.AsSpan(row * 18, 18).ToArray();
            Assert.All(p, v => Assert.InRange(v, 0f, 1f));
            Assert.InRange(p.Sum(), 0.999f, 1.001f);
        }
    }

    [Fact]
    public void Batching_DoesNotChangeAnyGlyphsAnswer()
    {
        var batch = Batch(out int count);
        var together = Model.Value.Predict(batch, count);

        for (int row = 0; row < count; row++)
        {
            var alone = Model.Value.Predict(batch.AsSpan(row * GlyphNormalizer.PixelCount, GlyphNormalizer.PixelCount).ToArray(), 1);
            for (int c = 0; c < 18; c++) Assert.Equal(alone[c], together[row * 18 + c], 5);
        }
    }

    [Fact]
    public async Task ClassifyAsync_AnswersLikePredict_AndCallsFromManyThreadsAgree()
    {
        var batch = Batch(out int count);
        var expected = Model.Value.Predict(batch, count);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await Model.Value.ClassifyAsync(batch, count))));

        Assert.All(answers, answer => Assert.Equal(expected, answer));
    }

    [Fact]
    public void EmptyBatch_IsAnEmptyAnswer()
    {
        Assert.Empty(Model.Value.Predict([], 0));
    }

    [Fact]
    public void GlyphBufferNotMatchingTheCount_IsRefused()
    {
        var probabilities = new float[2 * 18];

        Assert.Throws<ArgumentException>(() => Model.Value.Predict(new float[GlyphNormalizer.PixelCount + 1].AsMemory(), 1, probabilities));
    }

    [Fact]
    public void BytesThatAreNotAModel_AreAModelContractException()
    {
        var error = Assert.Throws<ModelContractException>(() => new OnnxGlyphClassifier("definitely not ONNX"u8.ToArray(), DefaultModel.Card()));

        Assert.Contains("cannot load", error.Message);
    }

    [Fact]
    public void CardWithADifferentClassCount_IsAModelContractException()
    {
        var card = DefaultModel.Card() with { Classes = SymbolClasses.All.Take(17).ToList() };

        var error = Assert.Throws<ModelContractException>(() => new OnnxGlyphClassifier(DefaultModel.ModelBytes(), card));

        Assert.Contains("17 classes", error.Message);
    }

    [SkippableFact]
    public void DefaultModel_MnistAccuracy_IsWhatItsCardClaims()
    {
        // Measured on the first 1,000 MNIST test digits through the same normaliser the server uses. The card's figure
        // comes from the trainer (750 digits); agreement within 5 points (about 3 standard errors) shows the trainer and
        // server see the same inputs (no training/serving skew) and that the card describes this model.
        var mnist = DataSet.Mnist();
        var card = DefaultModel.Card();
        Skip.If(card.Metrics is null, "The default model's card has no metrics.");
        const int n = 1000;
        var batch = GlyphNormalizer.NormalizeBatch(Enumerable.Range(0, n).Select(mnist.Ink).ToList());

        var probabilities = Model.Value.Predict(batch, n);
        int correct = Enumerable.Range(0, n).Count(i => GlyphPrediction.FromProbabilities(probabilities, i, Model.Value.Classes).Label == mnist.Labels[i].ToString());

        double accuracy = correct / (double)n;
        Assert.True(Math.Abs(accuracy - card.Metrics!.MnistTestAccuracy) <= 0.05,
            $"Measured MNIST accuracy {accuracy:P1}, the card claims {card.Metrics.MnistTestAccuracy:P1}.");
    }
}
