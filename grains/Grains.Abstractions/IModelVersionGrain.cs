namespace MathCluster.Grains;

/// <summary>The cluster's single coordinator of model versions; use key <see cref="ModelVersionGrainKeys.Cluster"/>.</summary>
public interface IModelVersionGrain : IGrainWithStringKey
{
    Task<ModelVersionInfo> GetActiveVersion();
}

public static class ModelVersionGrainKeys
{
    public const string Cluster = "cluster";
}
