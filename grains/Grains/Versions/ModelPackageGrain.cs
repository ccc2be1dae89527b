using MathCluster.Grains.Storage;

namespace MathCluster.Grains.Versions;

/// <summary>Keeps one version's ONNX bytes and card in grain storage; a package, once stored, never changes.</summary>
public sealed class ModelPackageGrain([PersistentState("package", GrainStorageNames.Models)] IPersistentState<ModelPackageState> state) : Grain, IModelPackageGrain
{
    public Task<ModelPackage?> Get() => Task.FromResult(state.State.Package);

    public async Task Store(ModelPackage package)
    {
        if (state.State.Package is { } stored)
        {
            if (stored.Onnx.AsSpan().SequenceEqual(package.Onnx)) return;
            throw new InvalidOperationException($"Version {this.GetPrimaryKeyString()} is already stored with other bytes.");
        }
        state.State.Package = package;
        await state.WriteStateAsync();
    }
}
