namespace MathCluster.Grains.Models;

/// <summary>Model registry, validation gate and hot swap settings (configuration section "Models").</summary>
public sealed class ModelOptions
{
    public const string Section = "Models";

    /// <summary>A new model must label at least this share of the golden set correctly.</summary>
    public double MinGoldenAccuracy { get; set; } = 0.90;

    /// <summary>…and may score at most this much below the active model on it.</summary>
    public double MaxGoldenRegression { get; set; } = 0.02;

    /// <summary>How long an activation waits for every silo to confirm before it reports the laggards.</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each silo checks the active version, which catches up silos that joined or missed a push.</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Activations and rollbacks kept in the history.</summary>
    public int HistoryLength { get; set; } = 100;
}
