using MathCluster.Deploy.Tests.Support;
using MathCluster.Hosting.Health;
using MathCluster.Hosting.Options;

namespace MathCluster.Deploy.Tests.Kubernetes;

/// <summary>deploy/k8s/web.yaml and admin-secret.yaml: a client of the silos' cluster behind a Service, with its admin token from a Secret.</summary>
public class WebManifestTests
{
    private static Workload Web => Assert.Single(KubernetesManifests.Deployments, d => d.Containers.Any(c => c.Image == DeployedApp.Web.Image));

    private static Container WebContainer => Assert.Single(Web.Containers, c => c.Image == DeployedApp.Web.Image);

    private static Workload Silo => Assert.Single(KubernetesManifests.Deployments, d => d.Containers.Any(c => c.Image == DeployedApp.Silo.Image));

    private static string Variable(string configurationKey) => ConfigurationContract.EnvironmentName(configurationKey);

    private static Dictionary<string, string> LiteralEnvironment() =>
        WebContainer.EnvEntries.Where(e => e.OptionalStr("value") is not null).ToDictionary(e => e.Str("name"), e => e.Str("value"));

    [Fact]
    public void WebApp_ClusterMode_IsARedisClientOfTheSiloCluster()
    {
        var configuration = ConfigurationContract.Configuration(LiteralEnvironment());
        var siloContainer = Assert.Single(Silo.Containers, c => c.Image == DeployedApp.Silo.Image);

        Assert.Equal(ClusterMode.Client, ConfigurationContract.Cluster(configuration).Mode);
        Assert.True(ConfigurationContract.Cluster(configuration).UsesRedis);
        Assert.Equal(siloContainer.EnvValue(ConfigurationContract.RedisConnectionVariable), ClusterOptions.RedisConnectionString(configuration));
    }

    [Fact]
    public void WebApp_ClusterAndServiceIds_AreThoseOfTheSiloPods()
    {
        Assert.Equal(Silo.PodLabels["orleans/clusterId"], WebContainer.EnvValue(Variable(ConfigurationContract.ClusterKey(nameof(ClusterOptions.ClusterId)))));
        Assert.Equal(Silo.PodLabels["orleans/serviceId"], WebContainer.EnvValue(Variable(ConfigurationContract.ClusterKey(nameof(ClusterOptions.ServiceId)))));
    }

    [Fact]
    public void WebPods_Labels_AreNotSiloLabels() =>
        Assert.DoesNotContain(Web.PodLabels.Keys, k => k.StartsWith("orleans/", StringComparison.Ordinal));

    [Fact]
    public void AdminToken_Source_IsTheAdminSecret()
    {
        var reference = WebContainer.Env(Variable(ConfigurationContract.AdminTokenKey)).Map("valueFrom").Map("secretKeyRef");
        var secret = KubernetesManifests.Get("Secret", reference.Str("name"));

        Assert.Contains(reference.Str("key"), secret.Node.StringMap("stringData").Keys.Concat(secret.Node.StringMap("data").Keys));
        Assert.Equal(Web.Object.Namespace, secret.Namespace);
    }

    [Fact]
    public void CommittedSecrets_Values_ArePlaceholdersTheWebAppRefuses()
    {
        foreach (var secret in KubernetesManifests.OfKind("Secret"))
        {
            Assert.All(secret.Node.StringMap("stringData").Values, value => Assert.Contains("REPLACE", value));
            Assert.Empty(secret.Node.StringMap("data"));
        }
        var reference = WebContainer.Env(Variable(ConfigurationContract.AdminTokenKey)).Map("valueFrom").Map("secretKeyRef");
        var placeholder = KubernetesManifests.Get("Secret", reference.Str("name")).Node.StringMap("stringData")[reference.Str("key")];
        var refused = new SectionValidator<AdminOptions>(AdminOptions.Section).Validate(null, new AdminOptions { Token = placeholder });
        Assert.True(refused.Failed, "start-up must refuse the committed admin token placeholder");
    }

    [Fact]
    public void WebApp_ListeningPort_IsTheContainerPortTheImageExposes()
    {
        var port = Urls.Port(WebContainer.EnvValue("ASPNETCORE_URLS"));

        Assert.Equal(port, WebContainer.Ports["http"]);
        Assert.Contains(port, DeployedApp.Web.Dockerfile.ExposedPorts);
    }

    [Fact]
    public void WebService_TargetPort_IsTheListeningPort()
    {
        var service = Assert.Single(KubernetesManifests.OfKind("Service"), s => Web.PodsMatch(s.Spec.StringMap("selector")));
        var targetPort = Assert.Single(service.Spec.Seq("ports")).Str("targetPort");

        Assert.Equal(Urls.Port(WebContainer.EnvValue("ASPNETCORE_URLS")), WebContainer.ResolvePort(targetPort));
    }

    [Theory]
    [InlineData("readinessProbe", HealthEndpoints.ReadinessPath)]
    [InlineData("livenessProbe", HealthEndpoints.LivenessPath)]
    public void WebProbes_Paths_AreTheHealthEndpointsOnTheAppPort(string probe, string path)
    {
        Assert.Equal(path, WebContainer.ProbePath(probe));
        Assert.Equal(Urls.Port(WebContainer.EnvValue("ASPNETCORE_URLS")), WebContainer.ProbePort(probe));
    }

    [Fact]
    public void WebApp_Environment_SetsOnlySettingsItReads()
    {
        foreach (var name in WebContainer.EnvNames)
            Assert.True(DeployedApp.Web.ReadsVariable(name) || WebContainer.ExpandedNames.Contains(name), $"web.yaml sets {name}, which no code of the web app reads");
    }
}
