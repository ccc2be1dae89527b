namespace MathCluster.Grains.Storage;

/// <summary>Names of the grain storage providers the grains persist to; the host registers one under each.</summary>
public static class GrainStorageNames
{
    /// <summary>The model registry and the uploaded models.</summary>
    public const string Models = "models";
}
