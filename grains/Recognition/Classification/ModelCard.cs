using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MathCluster.Recognition.Classification;

/// <summary>
/// The JSON description that travels beside every ONNX model: what it expects, what it answers,
/// how it was made and how well it did. The file is named like the model with ".card.json".
/// </summary>
public sealed record ModelCard
{
    public const string InputName = "input";
    public const string OutputName = "probabilities";

    public required string Version { get; init; }
    public required IReadOnlyList<string> Classes { get; init; }
    public string InputTensor { get; init; } = InputName;
    public IReadOnlyList<long> InputShape { get; init; } = [-1, 1, GlyphNormalizer.Size, GlyphNormalizer.Size];
    public string InputDescription { get; init; } = "float32, ink 1.0 on 0.0 background, the GlyphNormalizer's output";
    public string OutputTensor { get; init; } = OutputName;
    public string OutputDescription { get; init; } = "float32 [N, classes], softmax probabilities in class order";
    public string Sha256 { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public ModelMetrics? Metrics { get; init; }
    public TrainingSettings? Training { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Class labels such as + and × stay readable in cards and CLI output.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string CardPathFor(string onnxPath) => Path.ChangeExtension(onnxPath, ".card.json");

    public static ModelCard Parse(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<ModelCard>(json, Json) ?? throw new InvalidDataException("The model card is empty.");

    public static ModelCard Load(string path) => Parse(File.ReadAllBytes(path));

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static string HashOf(ReadOnlySpan<byte> model) => Convert.ToHexStringLower(SHA256.HashData(model));
}

public sealed record ModelMetrics
{
    /// <summary>MNIST test, argmax over all classes.</summary>
    public double MnistTestAccuracy { get; init; }
    /// <summary>MNIST test, argmax over the ten digits: how well a digit is read once the reader knows a digit belongs there.</summary>
    public double MnistDigitAccuracy { get; init; }
    public double SymbolsTestAccuracy { get; init; }
    /// <summary>The symbol sources' held-out glyphs without <c>/</c>, which only context tells from a slanted 1.</summary>
    public double SymbolsTestAccuracyWithoutSlash { get; init; }
    /// <summary>BHMSDS's held-out digits (paper-written, a style MNIST lacks), argmax over all classes.</summary>
    public double BhmsdsDigitAccuracy { get; init; }
    public int MnistTestCount { get; init; }
    public int SymbolsTestCount { get; init; }
    public int BhmsdsDigitCount { get; init; }
    /// <summary>
    /// The held-out glyphs (MNIST test and symbols) redrawn as the drawing page draws them, one pen for every symbol and
    /// some digits in two strokes: the ink the composed canvases and the page give the model. Absent on older cards.
    /// </summary>
    public double? PenTestAccuracy { get; init; }
    public int? PenTestCount { get; init; }
    /// <summary>Per class on the redrawn held-out glyphs.</summary>
    public IReadOnlyDictionary<string, double>? PenTestPerClass { get; init; }
    /// <summary>Fine-tuned models: accuracy on the fifth of the users' corrections held out from fine-tuning.</summary>
    public double? CorrectionsHoldoutAccuracy { get; init; }
    public int? CorrectionsHoldoutCount { get; init; }
    /// <summary>Per class over MNIST test and the held-out symbols: the best label is right.</summary>
    public required IReadOnlyDictionary<string, double> PerClass { get; init; }
    public IReadOnlyDictionary<string, int> PerClassCount { get; init; } = new Dictionary<string, int>();
    /// <summary>Per class: the right label is the first or second choice, which is what the contextual reader needs.</summary>
    public IReadOnlyDictionary<string, double> Top2Accuracy { get; init; } = new Dictionary<string, double>();
    /// <summary>Rows: true class, columns: predicted class, both in class order.</summary>
    public required IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix { get; init; }
}

public sealed record TrainingSettings
{
    public int Epochs { get; init; }
    public int Seed { get; init; }
    public int BatchSize { get; init; }
    public double LearningRate { get; init; }
    public int SamplesPerEpoch { get; init; }
    public double DurationSeconds { get; init; }
    public required IReadOnlyDictionary<string, int> TrainingSamplesBySource { get; init; }
    public string Architecture { get; init; } = "";
    public string Augmentation { get; init; } = "";
}
