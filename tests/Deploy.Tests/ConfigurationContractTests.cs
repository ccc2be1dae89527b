using MathCluster.Deploy.Tests.Support;
using MathCluster.Grains.Hosting;
using MathCluster.Web.Hosting;

namespace MathCluster.Deploy.Tests;

/// <summary>The list of names the other tests check the deployment files against.</summary>
public class ConfigurationContractTests
{
    [Theory]
    [InlineData(ClusterConfiguration.HealthPortKey, "Cluster__HealthPort")]
    [InlineData(ClusterConfiguration.AdvertisedAddressKey, "Cluster__AdvertisedAddress")]
    [InlineData(AdminToken.ConfigurationKey, "Admin__Token")]
    public void Configuration_keys_become_environment_names_with_double_underscores(string key, string expected) =>
        Assert.Equal(expected, ConfigurationContract.EnvironmentName(key));

    [Fact]
    public void The_silo_reads_every_cluster_key_and_none_of_the_web_apps()
    {
        Assert.Contains("Cluster__HealthPort", ConfigurationContract.SiloVariables);
        Assert.Contains("Cluster__AdvertisedAddress", ConfigurationContract.SiloVariables);
        Assert.Contains("ConnectionStrings__Redis", ConfigurationContract.SiloVariables);
        Assert.Contains("Storage__Directory", ConfigurationContract.SiloVariables);
        Assert.Contains("Model__Path", ConfigurationContract.SiloVariables);
        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT", ConfigurationContract.SiloVariables);
        Assert.False(ConfigurationContract.IsKnownSiloVariable("Admin__Token"));
        Assert.False(ConfigurationContract.IsKnownSiloVariable("Cluster__Mode"));
    }

    [Theory]
    [InlineData("Cluster__HealtPort")]
    [InlineData("Cluster_HealthPort")]
    [InlineData("Cluster__Health__Port")]
    [InlineData("Admin__Tokn")]
    [InlineData("ConnectionStrings__Reddis")]
    [InlineData("Batching__MaxBatch")]
    public void Misspelt_names_are_unknown_to_both_apps(string name)
    {
        Assert.False(ConfigurationContract.IsKnownSiloVariable(name));
        Assert.False(ConfigurationContract.IsKnownWebVariable(name));
    }

    [Fact]
    public void Batching_options_are_known_by_property_name() =>
        Assert.True(ConfigurationContract.IsKnownSiloVariable("Batching__MaxBatchSize"));
}
