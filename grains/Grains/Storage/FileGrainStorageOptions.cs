namespace MathCluster.Grains.Storage;

public sealed class FileGrainStorageOptions
{
    /// <summary>Where grain state files live; created on start.</summary>
    public string RootDirectory { get; set; } = "";
}
