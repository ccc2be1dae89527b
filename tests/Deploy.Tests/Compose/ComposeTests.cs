using MathCluster.Deploy.Tests.Support;
using MathCluster.Hosting.Health;
using MathCluster.Hosting.Options;
using Microsoft.Extensions.Configuration;

namespace MathCluster.Deploy.Tests.Compose;

/// <summary>deploy/compose.yaml: three silos and a client web app that find each other, and the checks that gate start-up.</summary>
public class ComposeTests
{
    private static readonly string[] DependsOnConditions = ["service_started", "service_healthy", "service_completed_successfully"];

    private static IReadOnlyList<ComposeService> Silos => ComposeFile.ServicesOf(DeployedApp.Silo);

    private static ComposeService Web => Assert.Single(ComposeFile.ServicesOf(DeployedApp.Web));

    private static IEnumerable<ComposeService> Apps => Silos.Append(Web);

    [Fact]
    public void Silos_ThreeInCompose_EachAdvertiseTheirOwnHostName()
    {
        Assert.Equal(3, Silos.Count);
        foreach (var silo in Silos)
            Assert.Equal(silo.Name, silo.Environment[ConfigurationContract.EnvironmentName(ConfigurationContract.ClusterKey(nameof(ClusterOptions.AdvertisedAddress)))]);
    }

    [Fact]
    public void SilosAndWeb_Clustering_UseTheSameRedisService()
    {
        var redisServices = ComposeFile.Services.Where(s => s.Image.StartsWith("redis:", StringComparison.Ordinal)).Select(s => s.Name).ToList();
        var connections = Apps.Select(app =>
        {
            var configuration = Configuration(app);
            Assert.True(ConfigurationContract.Cluster(configuration).UsesRedis, $"{app.Name} does not use Redis clustering");
            return ClusterOptions.RedisConnectionString(configuration);
        }).Distinct().ToList();

        var (host, port) = Urls.HostAndPort(Assert.Single(connections));
        Assert.Contains(host, redisServices);
        Assert.Equal(6379, port);
    }

    [Fact]
    public void SilosAndWeb_ClusterIds_NameTheSameClusterAndService()
    {
        Assert.Single(Apps.Select(app => ConfigurationContract.Cluster(Configuration(app)).ClusterId).Distinct());
        Assert.Single(Apps.Select(app => ConfigurationContract.Cluster(Configuration(app)).ServiceId).Distinct());
    }

    [Fact]
    public void WebApp_ClusterMode_IsAClientOfTheSilos() =>
        Assert.Equal(ClusterMode.Client, ConfigurationContract.Cluster(Configuration(Web)).Mode);

    [Fact]
    public void SiloHealthcheck_Command_CallsReadinessOnTheHealthPort()
    {
        foreach (var silo in Silos)
        {
            var url = Urls.Parse(silo.HealthcheckCommand[^1]);
            Assert.Equal(HealthEndpoints.ReadinessPath, url.AbsolutePath);
            Assert.Equal(silo.Environment[ConfigurationContract.EnvironmentName(ConfigurationContract.ClusterKey(nameof(ClusterOptions.HealthPort)))], url.Port.ToString());
            Assert.Equal("localhost", url.Host);
        }
    }

    [Fact]
    public void WebHealthcheck_Command_CallsReadinessOnTheListeningPort()
    {
        var url = Urls.Parse(Web.HealthcheckCommand[^1]);

        Assert.Equal(HealthEndpoints.ReadinessPath, url.AbsolutePath);
        Assert.Equal(Urls.Port(Web.Environment["ASPNETCORE_URLS"]), url.Port);
    }

    [Fact]
    public void Healthchecks_Tools_AreInstalledInTheImages()
    {
        foreach (var app in new[] { DeployedApp.Silo, DeployedApp.Web })
        {
            var tool = ComposeFile.ServicesOf(app)[0].HealthcheckCommand[0];
            var installs = app.Dockerfile.All("RUN").Where(r => r.Stage == app.Dockerfile.FinalStage && r.Arguments.Contains("apt-get install"));
            Assert.Contains(installs, r => Dockerfile.Words(r.Arguments).Contains(tool));
        }
    }

    [Fact]
    public void DependsOn_EveryEntry_NamesAnExistingServiceWithAValidCondition()
    {
        var services = ComposeFile.Services.ToDictionary(s => s.Name);
        foreach (var service in ComposeFile.Services)
        foreach (var (dependency, condition) in service.DependsOn)
        {
            Assert.True(services.ContainsKey(dependency), $"{service.Name} depends on a service '{dependency}' that does not exist");
            Assert.Contains(condition, DependsOnConditions);
            if (condition == "service_healthy")
                Assert.True(services[dependency].Healthcheck is not null, $"{service.Name} waits for {dependency} to be healthy, which has no healthcheck");
        }
    }

    [Fact]
    public void DependsOn_StartOrder_SilosWaitForRedisAndWebWaitsForEverySilo()
    {
        foreach (var redis in ComposeFile.Services.Where(s => s.Image.StartsWith("redis:", StringComparison.Ordinal)))
        foreach (var silo in Silos)
            Assert.Equal("service_healthy", silo.DependsOn[redis.Name]);
        foreach (var silo in Silos)
            Assert.Equal("service_healthy", Web.DependsOn[silo.Name]);
    }

    [Fact]
    public void Apps_Telemetry_GoesToTheDashboardsOtlpPort()
    {
        var dashboard = Assert.Single(ComposeFile.Services, s => s.Image.StartsWith(AspireDashboard.ImageName + ":", StringComparison.Ordinal));
        foreach (var app in Apps)
        {
            var endpoint = Urls.Parse(app.Environment[TelemetryOptions.OtlpEndpointKey]);
            Assert.Equal(dashboard.Name, endpoint.Host);
            Assert.Equal(AspireDashboard.OtlpGrpcPort, endpoint.Port);
            Assert.True(app.DependsOn.ContainsKey(dashboard.Name), $"{app.Name} starts before the dashboard it sends to");
        }
    }

    [Fact]
    public void Dashboard_Image_MatchesThePackageAndPublishesItsUi()
    {
        var dashboard = Assert.Single(ComposeFile.Services, s => s.Image.StartsWith(AspireDashboard.ImageName + ":", StringComparison.Ordinal));

        Assert.Equal(AspireDashboard.ExpectedImage, dashboard.Image);
        Assert.Contains(dashboard.PublishedPorts, p => p.ContainerPort == AspireDashboard.UiPort);
    }

    [Fact]
    public void WebApp_Ports_PublishItsListeningPort()
    {
        var published = Assert.Single(Web.PublishedPorts);

        Assert.Equal(Urls.Port(Web.Environment["ASPNETCORE_URLS"]), published.ContainerPort);
    }

    [Fact]
    public void PublishedPorts_Binding_IsLoopbackOnly()
    {
        foreach (var service in ComposeFile.Services)
        foreach (var port in service.PublishedPorts)
            Assert.True(port.HostIp == "127.0.0.1", $"{service.Name} publishes {port.HostPort} on {port.HostIp}");
    }

    [Fact]
    public void Containers_ListeningPorts_AreThoseTheirImagesExpose()
    {
        var siloPorts = DeployedApp.Silo.Dockerfile.ExposedPorts;
        foreach (var silo in Silos)
        {
            Assert.Contains(int.Parse(silo.Environment[ConfigurationContract.EnvironmentName(ConfigurationContract.ClusterKey(nameof(ClusterOptions.SiloPort)))]), siloPorts);
            Assert.Contains(int.Parse(silo.Environment[ConfigurationContract.EnvironmentName(ConfigurationContract.ClusterKey(nameof(ClusterOptions.GatewayPort)))]), siloPorts);
            Assert.Contains(int.Parse(silo.Environment[ConfigurationContract.EnvironmentName(ConfigurationContract.ClusterKey(nameof(ClusterOptions.HealthPort)))]), siloPorts);
        }
        Assert.Contains(Urls.Port(Web.Environment["ASPNETCORE_URLS"]), DeployedApp.Web.Dockerfile.ExposedPorts);
    }

    [Fact]
    public void Silos_StopGracePeriod_IsLongerThanTheHostsGracefulLeave()
    {
        foreach (var silo in Silos)
            Assert.True(Duration(silo.Node.Str("stop_grace_period")) > SiloHost.ShutdownTimeout, $"{silo.Name}: stop_grace_period");
    }

    [Fact]
    public void Apps_Build_UsesTheRepositoryRootAndTheirDockerfiles()
    {
        foreach (var app in new[] { DeployedApp.Silo, DeployedApp.Web })
        foreach (var service in ComposeFile.ServicesOf(app))
        {
            Assert.NotNull(service.Build);
            Assert.Equal("", ComposeFile.FromComposeFolder(service.Build.Str("context")));
            Assert.Equal(app.DockerfilePath, service.Build.Str("dockerfile"));
        }
    }

    [Fact]
    public void Apps_Environment_SetsOnlySettingsTheyRead()
    {
        foreach (var app in new[] { DeployedApp.Silo, DeployedApp.Web })
        foreach (var service in ComposeFile.ServicesOf(app))
        foreach (var variable in service.Environment.Keys)
            Assert.True(app.ReadsVariable(variable), $"{service.Name} sets {variable}, which no code of the {app.Name} reads");
    }

    private static IConfiguration Configuration(ComposeService service) => ConfigurationContract.Configuration(service.Environment);

    /// <summary>Compose durations such as "45s", "1m30s".</summary>
    private static TimeSpan Duration(string text)
    {
        var total = TimeSpan.Zero;
        foreach (System.Text.RegularExpressions.Match part in System.Text.RegularExpressions.Regex.Matches(text, @"(\d+)(h|m|s)"))
        {
            var value = int.Parse(part.Groups[1].Value);
            total += part.Groups[2].Value switch { "h" => TimeSpan.FromHours(value), "m" => TimeSpan.FromMinutes(value), _ => TimeSpan.FromSeconds(value) };
        }
        return total;
    }
}
