using Orleans.Concurrency;

namespace MathCluster.Grains;

/// <summary>
/// The cluster's single coordinator of model versions (use key <see cref="ModelVersionGrainKeys.Cluster"/>): the registry
/// of uploaded models, which one is active, the activation history, and pushing a new active version to every silo.
/// Its state is in grain storage, so it survives silo restarts.
/// </summary>
[Alias("MathCluster.IModelVersionGrain")]
public interface IModelVersionGrain : IGrainWithStringKey
{
    // Read-only calls interleave, so a silo asking for the active version never waits behind an activation
    // that is itself waiting for that silo.
    [AlwaysInterleave]
    [Alias("GetActiveVersion")]
    Task<ModelVersionInfo> GetActiveVersion();

    /// <summary>Validates an uploaded model and stores it; a model that fails validation is rejected and never stored.</summary>
    [Alias("Register")]
    Task<ModelRegistration> Register(ModelPackage package, string uploadedBy);

    /// <summary>Makes a registered version active and waits (up to the configured timeout) until every silo serves it.</summary>
    [Alias("Activate")]
    Task<ModelActivation> Activate(string version, string activatedBy);

    /// <summary>Returns to the version that was active before the current one.</summary>
    [Alias("Rollback")]
    Task<ModelActivation> Rollback(string activatedBy);

    /// <summary>Registered versions, the active one, the history, and what each silo serves right now.</summary>
    [AlwaysInterleave]
    [Alias("GetRegistry")]
    Task<ModelRegistryView> GetRegistry();
}

/// <summary>Holds the bytes of one registered model version (key: the version), so any silo can load it.</summary>
[Alias("MathCluster.IModelPackageGrain")]
public interface IModelPackageGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<ModelPackage?> Get();

    [Alias("Store")]
    Task Store(ModelPackage package);
}

public static class ModelVersionGrainKeys
{
    public const string Cluster = "cluster";
}
