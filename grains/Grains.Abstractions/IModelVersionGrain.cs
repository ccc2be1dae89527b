using Orleans.Concurrency;

namespace MathCluster.Grains;

/// <summary>
/// The cluster's single coordinator of model versions (use key <see cref="ModelVersionGrainKeys.Cluster"/>): the registry
/// of uploaded models, which one is active, the activation history, and pushing a new active version to every silo.
/// Its state is in grain storage, so it survives silo restarts.
/// </summary>
public interface IModelVersionGrain : IGrainWithStringKey
{
    // Read-only calls interleave, so a silo asking for the active version never waits behind an activation
    // that is itself waiting for that silo.
    [AlwaysInterleave]
    Task<ModelVersionInfo> GetActiveVersion();

    /// <summary>Validates an uploaded model and stores it; a model that fails validation is rejected and never stored.</summary>
    Task<ModelRegistration> Register(ModelPackage package, string uploadedBy);

    /// <summary>Makes a registered version active and waits (up to the configured timeout) until every silo serves it.</summary>
    Task<ModelActivation> Activate(string version, string activatedBy);

    /// <summary>Returns to the version that was active before the current one.</summary>
    Task<ModelActivation> Rollback(string activatedBy);

    /// <summary>Registered versions, the active one, the history, and what each silo serves right now.</summary>
    [AlwaysInterleave]
    Task<ModelRegistryView> GetRegistry();
}

/// <summary>Holds the bytes of one registered model version (key: the version), so any silo can load it.</summary>
public interface IModelPackageGrain : IGrainWithStringKey
{
    Task<ModelPackage?> Get();

    Task Store(ModelPackage package);
}

/// <summary>One per silo (an Orleans grain service): loads a model version and switches that silo's recognizers to it.</summary>
public interface IModelHostService : Orleans.Services.IGrainService
{
    Task<SiloModelStatus> Serve(ModelVersionInfo version);

    Task<SiloModelStatus> GetStatus();
}

public static class ModelVersionGrainKeys
{
    public const string Cluster = "cluster";
}
