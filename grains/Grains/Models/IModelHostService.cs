using Orleans.Services;

namespace MathCluster.Grains.Models;

/// <summary>
/// One per silo (an Orleans grain service): loads a model version and switches that silo's recognizers to it. Silo
/// internal: only the version grain calls it, so it is not part of the public contract in Grains.Abstractions.
/// </summary>
[Alias("MathCluster.IModelHostService")]
public interface IModelHostService : IGrainService
{
    [Alias("Serve")]
    Task<SiloModelStatus> Serve(ModelVersionInfo version);

    [Alias("GetStatus")]
    Task<SiloModelStatus> GetStatus();
}
