using MathCluster.Grains;
using MathCluster.Grains.Storage;
using Orleans.TestingHost;

namespace MathCluster.Grains.Tests;

/// <summary>A real two-silo Orleans test cluster with the recognizer services and the embedded default model.</summary>
public sealed class RecognizerClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; } = new TestClusterBuilder(2).AddSiloBuilderConfigurator<SiloConfigurator>().Build();

    public IGrainFactory Grains => Cluster.GrainFactory;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddMemoryGrainStorage(GrainStorageNames.Models).AddRecognizerServices();
    }
}

[CollectionDefinition(Name)]
public sealed class RecognizerClusterCollection : ICollectionFixture<RecognizerClusterFixture>
{
    public const string Name = "recognizer cluster";
}
