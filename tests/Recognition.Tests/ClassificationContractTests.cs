using MathCluster.Recognition.Classification;

namespace MathCluster.Recognition.Tests;

public sealed class ClassificationContractTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("card-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void SymbolClasses_AreInTheDataSetsLabelCodeOrder()
    {
        // Label codes of ../shared/data: 0-9 digits, 10 '-', 11 '+', 12 ×, 13 ÷, 14 '/', 15 '(', 16 ')', 17 '='.
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "-", "+", "×", "÷", "/", "(", ")", "="], SymbolClasses.All);
        Assert.Equal(18, SymbolClasses.Count);
        Assert.Equal(12, SymbolClasses.IndexOf(SymbolClasses.Times));
        Assert.Equal(17, SymbolClasses.IndexOf("="));
        Assert.Equal(-1, SymbolClasses.IndexOf("x"));
        Assert.Equal(-1, SymbolClasses.IndexOf("*"));
    }

    [Fact]
    public void FromProbabilities_ReadsTheRequestedRow_AndRanksItsLabels()
    {
        string[] classes = ["a", "b", "c", "d"];
        float[] probabilities =
        [
            0.1f, 0.2f, 0.3f, 0.4f,
            0.05f, 0.6f, 0.1f, 0.25f,
        ];

        var prediction = GlyphPrediction.FromProbabilities(probabilities, 1, classes);

        Assert.Equal("b", prediction.Label);
        Assert.Equal(0.6f, prediction.Confidence);
        Assert.Equal([new LabelScore("d", 0.25f), new LabelScore("c", 0.1f)], prediction.Alternatives);
        Assert.Equal(3, GlyphPrediction.FromProbabilities(probabilities, 0, classes, alternatives: 5).Alternatives.Count);
        Assert.Empty(GlyphPrediction.FromProbabilities(probabilities, 0, classes, alternatives: 0).Alternatives);
    }

    [Fact]
    public void ModelCard_SavesAndLoadsBeside_TheModel()
    {
        string onnx = Path.Combine(_folder, "recognizer-v7.onnx");
        var card = new ModelCard
        {
            Version = "v7",
            Classes = SymbolClasses.All,
            Sha256 = ModelCard.HashOf([1, 2, 3]),
            CreatedAt = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero),
            Metrics = new ModelMetrics { MnistTestAccuracy = 0.97, PerClass = new Dictionary<string, double> { ["7"] = 0.9 }, ConfusionMatrix = [[1, 0], [0, 1]] },
        };

        string path = ModelCard.CardPathFor(onnx);
        card.Save(path);
        var loaded = ModelCard.Load(path);

        Assert.Equal(Path.Combine(_folder, "recognizer-v7.card.json"), path);
        Assert.Equal("v7", loaded.Version);
        Assert.Equal(SymbolClasses.All, loaded.Classes);
        Assert.Equal(card.Sha256, loaded.Sha256);
        Assert.Equal(card.CreatedAt, loaded.CreatedAt);
        Assert.Equal(0.97, loaded.Metrics!.MnistTestAccuracy);
        Assert.Equal(0.9, loaded.Metrics.PerClass["7"]);
        // The JSON is camelCase, as other tools (and the committed card) read and write it.
        Assert.Contains("\"version\": \"v7\"", File.ReadAllText(path));
    }

    [Fact]
    public void HashOf_IsLowercaseHexSha256()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ModelCard.HashOf("abc"u8));
    }

    [Fact]
    public void EmptyCard_IsRefused()
    {
        Assert.Throws<InvalidDataException>(() => ModelCard.Parse("null"u8));
    }
}
