using System.ComponentModel.DataAnnotations;
using MathCluster.Recognition.Classification;

namespace MathCluster.Grains.Models;

/// <summary>The startup model, uploads, the validation gate and hot swap (configuration section "Models").</summary>
public sealed class ModelOptions : IValidatableObject
{
    public const string Section = "Models";

    /// <summary>An ONNX model to serve at start instead of the embedded default; its .card.json sits beside it.</summary>
    public string? Path { get; set; }

    /// <summary>Largest model upload accepted, in bytes.</summary>
    [Range(1024, 1L << 30)] public long MaxUploadBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Bytes of weights (initializers and constants) an uploaded model may hold.</summary>
    [Range(1024, 1L << 30)] public long MaxInitializerBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>How long the validation gate may take for one upload (loading, the golden set) before the upload is refused.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")] public TimeSpan ValidationTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A new model must label at least this share of the golden set correctly.</summary>
    [Range(0.0, 1.0)] public double MinGoldenAccuracy { get; set; } = 0.90;

    /// <summary>…and may score at most this much below the active model on it.</summary>
    [Range(0.0, 1.0)] public double MaxGoldenRegression { get; set; } = 0.02;

    /// <summary>How long an activation waits for every silo to confirm before it reports the laggards.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each silo checks the active version, which catches up silos that joined or missed a push.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00")] public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Activations and rollbacks kept in the history.</summary>
    [Range(1, 100000)] public int HistoryLength { get; set; } = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Path)) yield break;
        var card = ModelCard.CardPathFor(Path);
        if (!File.Exists(Path) || !File.Exists(card))
            yield return new ValidationResult($"names {Path}, but it or its card {card} does not exist.", [nameof(Path)]);
    }
}
