using MathCluster.Grains;
using MathCluster.Grains.Storage;
using MathCluster.Recognition.Classification;
using MathCluster.TestSupport;
using Orleans.TestingHost;

namespace MathCluster.Grains.Tests;

/// <summary>
/// Hot swap across a real two-silo test cluster of its own (activations change what every silo serves, so it does
/// not share the recognizer tests' cluster): an activation reaches every silo before it returns, a rollback too, and
/// a silo that joins later catches up with the active version by itself.
/// </summary>
public sealed class ModelVersionGrainTests : IAsyncLifetime
{
    private readonly TestCluster _cluster = new TestClusterBuilder(2).AddSiloBuilderConfigurator<SiloConfigurator>().Build();

    private IModelVersionGrain Versions => _cluster.GrainFactory.GetGrain<IModelVersionGrain>(ModelVersionGrainKeys.Cluster);

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task ActivateAndRollback_ThreeSilos_ReachEverySiloBeforeTheyReturn()
    {
        var defaultVersion = DefaultModel.Card().Version;
        Assert.Equal(defaultVersion, (await Versions.GetActiveVersion()).Version);
        var model = ModelVariants.Relabelled("two-silos");
        var registration = await Versions.Register(new ModelPackage(model, ModelVariants.CardFor(model, "v-2")), "test");
        Assert.Equal(RegistrationStatus.Registered, registration.Status);

        var activation = await Versions.Activate("v-2", "test");

        Assert.Equal(ActivationStatus.Complete, activation.Status);
        Assert.Equal(2, activation.Silos.Count);
        Assert.All(activation.Silos, s => Assert.Equal("v-2", s.Version));
        await AssertEverySiloServesAsync("v-2");

        var rollback = await Versions.Rollback("test");
        Assert.Equal(ActivationStatus.Complete, rollback.Status);
        await AssertEverySiloServesAsync(defaultVersion);
        Assert.Equal(ActivationStatus.NothingToRollBackTo, (await Versions.Rollback("test")).Status);
    }

    [Fact]
    public async Task Sync_SiloJoiningLater_ServesTheActiveVersion()
    {
        var model = ModelVariants.Relabelled("joiner");
        await Versions.Register(new ModelPackage(model, ModelVariants.CardFor(model, "v-3")), "test");
        await Versions.Activate("v-3", "test");

        var joined = await _cluster.StartAdditionalSiloAsync();
        await _cluster.WaitForLivenessToStabilizeAsync();

        // The newcomer catches up on its own (at start, then every Models:SyncInterval); what each silo's own model
        // host reports is the truth (the test client's gateways do not include the newcomer yet).
        ModelRegistryView registry = await Versions.GetRegistry();
        await Eventually.TrueAsync(async () =>
        {
            registry = await Versions.GetRegistry();
            return registry.Silos.Count == 3 && registry.Silos.All(s => s.Version == "v-3");
        }, TimeSpan.FromSeconds(30));
        Assert.Contains(registry.Silos, s => s.Silo == joined.SiloAddress.ToString());
        Assert.All(registry.Silos, s => Assert.Equal("v-3", s.Version));
        Assert.Equal(3, registry.Silos.Count);
    }

    /// <summary>Calls recognizers on many keys until every silo has answered, and checks which version each served.</summary>
    private async Task AssertEverySiloServesAsync(string version)
    {
        var silos = _cluster.GetActiveSilos().Select(s => s.SiloAddress.ToString()).ToHashSet();
        var seen = new HashSet<string>();
        for (int key = 0; key < 200 && !seen.SetEquals(silos); key++)
        {
            var diagnostics = await _cluster.GrainFactory.GetGrain<IRecognizerGrain>(key).GetDiagnostics();
            Assert.Equal(version, diagnostics.ModelVersion);
            seen.Add(diagnostics.ServedBy.Silo);
        }
        Assert.Equal(silos, seen);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddMemoryGrainStorage(GrainStorageNames.Models).AddRecognizerServices();
    }
}
