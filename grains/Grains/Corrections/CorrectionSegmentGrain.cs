using MathCluster.Grains.Storage;

namespace MathCluster.Grains.Corrections;

/// <summary>Up to a segment's worth of corrections in grain storage; an append it already holds is not repeated.</summary>
public sealed class CorrectionSegmentGrain([PersistentState("segment", GrainStorageNames.Models)] IPersistentState<CorrectionSegmentState> state)
    : Grain, ICorrectionSegmentGrain
{
    public async Task<bool> Append(string requestId, IReadOnlyList<CorrectionSample> samples)
    {
        if (state.State.RequestIds.Contains(requestId)) return true;
        state.State.Samples.AddRange(samples);
        state.State.RequestIds.Add(requestId);
        await state.WriteStateAsync();
        return true;
    }

    public Task<IReadOnlyList<CorrectionSample>> GetSamples() => Task.FromResult<IReadOnlyList<CorrectionSample>>(state.State.Samples.ToList());

    public async Task Clear()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}
