using MathCluster.Grains;
using MathCluster.Grains.Models;
using MathCluster.Recognition.Classification;
using MathCluster.Grains.Tests.Support;
using MathCluster.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace MathCluster.Grains.Tests;

/// <summary>
/// An install that ran an older build keeps its registry in grain storage (files here, as in the one-process mode).
/// Starting the new build on that storage must bring its built-in default into service, unless an operator chose
/// what runs: each test runs one cluster on the old build, stops it, and starts the new build on the same files.
/// </summary>
public sealed class BuiltInModelUpgradeTests : IDisposable
{
    private const string OldDefault = "default-2000.01.01";
    private const string BuildKey = "Test:Build";
    private readonly string _storage = Directory.CreateTempSubdirectory("registry-upgrade-").FullName;
    private readonly string _serviceId = "upgrade-" + Guid.NewGuid().ToString("N");
    private static readonly string NewDefault = DefaultModel.Card().Version;

    public void Dispose() => Directory.Delete(_storage, recursive: true);

    [Fact]
    public async Task Start_OlderBuiltInDefaultChosenAtStartUp_IsReplacedByTheNewOne()
    {
        await WithClusterAsync("old", async versions => Assert.Equal(OldDefault, (await versions.GetActiveVersion()).Version));

        await WithClusterAsync("new", async versions =>
        {
            Assert.Equal(NewDefault, (await versions.GetActiveVersion()).Version);
            var registry = await versions.GetRegistry();
            Assert.Equal([OldDefault, NewDefault], registry.Versions.Select(v => v.Version));
            var upgrade = registry.History[^1];
            Assert.Equal((NewDefault, OldDefault, ActivationAction.Upgrade, BuiltInModel.RegisteredBy), (upgrade.Version, upgrade.PreviousVersion, upgrade.Action, upgrade.By));
            // The old default stays one rollback away.
            Assert.Equal(OldDefault, (await versions.Rollback("test")).Version);
        });
    }

    [Fact]
    public async Task Start_ModelAnOperatorActivated_StaysActive()
    {
        await WithClusterAsync("old", async versions =>
        {
            var model = ModelVariants.Relabelled("operator");
            await versions.Register(new ModelPackage(model, ModelVariants.CardFor(model, "v-operator")), "test");
            await versions.Activate("v-operator", "operator");
        });

        await WithClusterAsync("new", async versions =>
        {
            Assert.Equal("v-operator", (await versions.GetActiveVersion()).Version);
            var registry = await versions.GetRegistry();
            Assert.Contains(registry.Versions, v => v.Version == NewDefault && v.UploadedBy == BuiltInModel.RegisteredBy);
            Assert.DoesNotContain(registry.History, r => r.Action == ActivationAction.Upgrade);
        });
    }

    [Fact]
    public async Task Start_OlderDefaultAnOperatorRolledBackTo_StaysActive()
    {
        await WithClusterAsync("old", async versions =>
        {
            var model = ModelVariants.Relabelled("tried");
            await versions.Register(new ModelPackage(model, ModelVariants.CardFor(model, "v-tried")), "test");
            await versions.Activate("v-tried", "operator");
            Assert.Equal(OldDefault, (await versions.Rollback("operator")).Version);
        });

        await WithClusterAsync("new", async versions => Assert.Equal(OldDefault, (await versions.GetActiveVersion()).Version));
    }

    private async Task WithClusterAsync(string build, Func<IModelVersionGrain, Task> test)
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ServiceId = _serviceId;
        builder.Properties[FileModelStorage.DirectoryKey] = _storage;
        builder.Properties[BuildKey] = build;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            await test(cluster.GrainFactory.GetGrain<IModelVersionGrain>(ModelVersionGrainKeys.Cluster));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            // The old build's built-in default: the same weights under an older default's name.
            if (siloBuilder.Configuration[BuildKey] == "old")
            {
                var model = ModelVariants.Relabelled("old-default");
                var card = ModelCard.Parse(System.Text.Encoding.UTF8.GetBytes(ModelVariants.CardFor(model, OldDefault)));
                siloBuilder.Services.AddSingleton(new BuiltInModel(model, card));
            }
            siloBuilder.AddFileModelStorage().AddRecognizerServices();
        }
    }
}
