using MathCluster.Grains.Models;

namespace MathCluster.Grains.Versions;

/// <summary>Coordinates model versions for the cluster. For now it reports the version the silos start with.</summary>
public sealed class ModelVersionGrain(ActiveModel model) : Grain, IModelVersionGrain
{
    public Task<ModelVersionInfo> GetActiveVersion()
    {
        var card = model.Card;
        return Task.FromResult(new ModelVersionInfo(card.Version, card.Sha256, card.Classes));
    }
}
