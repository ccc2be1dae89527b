using MathCluster.Recognition.Classification;

namespace MathCluster.Grains.Models;

/// <summary>
/// The model shipped inside this build (the committed default). A registry that started on an older built-in
/// default moves on to this one when the silos are upgraded; one an operator chose stays as it is.
/// </summary>
public sealed class BuiltInModel(byte[] model, ModelCard card)
{
    /// <summary>Who registers the built-in default in the registry and its history.</summary>
    public const string RegisteredBy = "built-in";
    /// <summary>Who seeded the registries of earlier builds with their startup model.</summary>
    public const string StartupSeeder = "startup";
    /// <summary>Committed defaults are named default-YYYY.MM.DD.</summary>
    public const string VersionPrefix = "default-";

    public byte[] Model { get; } = model;
    public ModelCard Card { get; } = card;

    public static BuiltInModel Embedded() => new(DefaultModel.ModelBytes(), DefaultModel.Card());

    /// <summary>Whether the entry is a built-in default that start-up registered (not an operator's upload).</summary>
    public static bool IsBuiltIn(ModelEntry entry) =>
        entry.UploadedBy == RegisteredBy || (entry.UploadedBy == StartupSeeder && entry.Version.StartsWith(VersionPrefix, StringComparison.Ordinal));

    /// <summary>Whether start-up, not an operator, made the version active (the last record that activated it says so).</summary>
    public static bool ActivatedByStartup(IEnumerable<ModelActivationRecord> history, string version) =>
        history.LastOrDefault(r => r.Version == version)?.By is RegisteredBy or StartupSeeder;
}
