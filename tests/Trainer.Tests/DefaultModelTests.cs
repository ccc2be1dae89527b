using MathCluster.Recognition.Classification;
using MathCluster.TestSupport;
using MathCluster.Trainer.Commands;

namespace MathCluster.Trainer.Tests;

/// <summary>The committed default model, evaluated through ONNX Runtime (the serving path) on the held-out data.</summary>
public class DefaultModelTests
{
    private static string ModelPath => Path.Combine(RepositoryRoot.Path, "grains", "Recognition", "DefaultModel", TrainCommand.ModelFileName);

    [Fact]
    public void TheCommittedFilesAreTheEmbeddedModelAndItsCardNamesItsHash()
    {
        var bytes = File.ReadAllBytes(ModelPath);
        var card = ModelCard.Load(ModelCard.CardPathFor(ModelPath));
        Assert.Equal(ModelCard.HashOf(bytes), card.Sha256);
        Assert.Equal(bytes, DefaultModel.ModelBytes());
        Assert.Equal(SymbolClasses.All, card.Classes);
        Assert.NotNull(card.Metrics);
        Assert.NotNull(card.Training);
    }

    [SkippableFact]
    public void ItsAccuracyOnTheHeldOutDataIsWhatItsCardSays()
    {
        var data = SharedData.Require();
        var card = ModelCard.Load(ModelCard.CardPathFor(ModelPath));

        var measured = EvaluateCommand.Evaluate(ModelPath, data, out var version);

        Assert.Equal(card.Version, version);
        Assert.Equal(card.Metrics!.MnistTestAccuracy, measured.MnistTestAccuracy, 4);
        Assert.Equal(card.Metrics.SymbolsTestAccuracy, measured.SymbolsTestAccuracy, 4);
        Assert.Equal(10_000, measured.MnistTestCount);
        // Floors that guard against a regression; the targets (MNIST 99.5%, symbols 99%, every class 98%)
        // are reported in the card and README; a slanted 1 and a / are often the same stroke, which keeps the 1, the /
        // and with them MNIST below those targets for now.
        Assert.True(measured.MnistTestAccuracy >= 0.97, $"MNIST test accuracy {measured.MnistTestAccuracy:P2}");
        Assert.True(measured.SymbolsTestAccuracy >= 0.95, $"symbols held-out accuracy {measured.SymbolsTestAccuracy:P2}");
        Assert.All(measured.PerClass, c => Assert.Equal(card.Metrics.PerClass[c.Key], c.Value, 4));
    }
}
