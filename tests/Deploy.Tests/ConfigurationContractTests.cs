using MathCluster.Deploy.Tests.Support;

namespace MathCluster.Deploy.Tests;

/// <summary>The list of names the other tests check the deployment files against, derived from the options types.</summary>
public class ConfigurationContractTests
{
    [Theory]
    [InlineData("Cluster__HealthPort")]
    [InlineData("Cluster__AdvertisedAddress")]
    [InlineData("ConnectionStrings__Redis")]
    [InlineData("Storage__Directory")]
    [InlineData("Models__Path")]
    [InlineData("Batching__MaxBatchSize")]
    [InlineData("Cluster__Membership__ProbeTimeout")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT")]
    public void SiloVariables_IncludeEverySettingASiloActsOn(string name) => Assert.True(ConfigurationContract.IsKnownSiloVariable(name));

    [Theory]
    [InlineData("Admin__Token")]
    [InlineData("Cluster__Mode")]
    [InlineData("Limits__MaxCanvasPixels")]
    public void SiloVariables_LeaveOutTheWebAppsOwn(string name)
    {
        Assert.False(ConfigurationContract.IsKnownSiloVariable(name));
        Assert.True(ConfigurationContract.IsKnownWebVariable(name));
    }

    [Theory]
    [InlineData("Cluster__HealtPort")]
    [InlineData("Cluster_HealthPort")]
    [InlineData("Cluster__Health__Port")]
    [InlineData("Admin__Tokn")]
    [InlineData("ConnectionStrings__Reddis")]
    [InlineData("Batching__MaxBatch")]
    [InlineData("Model__Path")]
    public void ConfigurationContract_MisspeltName_IsUnknownToBothApps(string name)
    {
        Assert.False(ConfigurationContract.IsKnownSiloVariable(name));
        Assert.False(ConfigurationContract.IsKnownWebVariable(name));
    }
}
