namespace MathCluster.Hosting.Options;

/// <summary>Grain storage for the one-process mode (section "Storage"); a Redis-clustered silo keeps its state in Redis.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Where grain state files live; unset: ~/.local/share/mathcluster/state.</summary>
    public string? Directory { get; set; }

    public string ResolvedDirectory => string.IsNullOrWhiteSpace(Directory)
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "mathcluster", "state")
        : Path.GetFullPath(Directory);
}
