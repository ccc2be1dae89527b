namespace MathCluster.Grains.Versions;

/// <summary>The version grain's persistent state.</summary>
[GenerateSerializer, Alias("MathCluster.ModelRegistryState")]
public sealed class ModelRegistryState
{
    [Id(0)] public string? Active { get; set; }
    /// <summary>Versions that were active before, most recent last; Rollback pops from here.</summary>
    [Id(1)] public List<string> Earlier { get; set; } = [];
    [Id(2)] public List<ModelEntry> Versions { get; set; } = [];
    [Id(3)] public List<ModelActivationRecord> History { get; set; } = [];
}

[GenerateSerializer, Alias("MathCluster.ModelPackageState")]
public sealed class ModelPackageState
{
    [Id(0)] public ModelPackage? Package { get; set; }
}
