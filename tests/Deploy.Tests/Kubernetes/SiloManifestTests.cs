using MathCluster.Deploy.Tests.Support;
using MathCluster.Hosting.Health;
using MathCluster.Hosting.Options;

namespace MathCluster.Deploy.Tests.Kubernetes;

/// <summary>deploy/k8s/silo*.yaml: Orleans' Kubernetes hosting conventions, the silo's settings, probes, RBAC, PDB, HPA.</summary>
public class SiloManifestTests
{
    private const string ServiceIdLabel = "orleans/serviceId";
    private const string ClusterIdLabel = "orleans/clusterId";

    private static Workload Silo => Assert.Single(KubernetesManifests.Deployments, d => d.Containers.Any(c => c.Image == DeployedApp.Silo.Image));

    private static Container SiloContainer => Assert.Single(Silo.Containers, c => c.Image == DeployedApp.Silo.Image);

    private static string Variable(string configurationKey) => ConfigurationContract.EnvironmentName(configurationKey);

    [Fact]
    public void SiloPods_Labels_CarryTheOrleansServiceAndCluster()
    {
        Assert.Equal(new ClusterOptions().ServiceId, Silo.PodLabels[ServiceIdLabel]);
        Assert.Equal(new ClusterOptions().ClusterId, Silo.PodLabels[ClusterIdLabel]);
    }

    [Fact]
    public void KubernetesHosting_PodIdentity_ComesFromTheDownwardApi()
    {
        Assert.Equal("metadata.name", SiloContainer.EnvFieldPath("POD_NAME"));
        Assert.Equal("metadata.namespace", SiloContainer.EnvFieldPath("POD_NAMESPACE"));
        Assert.Equal("status.podIP", SiloContainer.EnvFieldPath("POD_IP"));
        Assert.Equal($"metadata.labels['{ServiceIdLabel}']", SiloContainer.EnvFieldPath("ORLEANS_SERVICE_ID"));
        Assert.Equal($"metadata.labels['{ClusterIdLabel}']", SiloContainer.EnvFieldPath("ORLEANS_CLUSTER_ID"));
    }

    [Fact]
    public void Silo_ClusterAndServiceIds_AreTheOnesTheLabelsSay()
    {
        Assert.Equal(Silo.PodLabels[ServiceIdLabel], LabelOrValue(Variable(ConfigurationContract.ClusterKey(nameof(ClusterOptions.ServiceId)))));
        Assert.Equal(Silo.PodLabels[ClusterIdLabel], LabelOrValue(Variable(ConfigurationContract.ClusterKey(nameof(ClusterOptions.ClusterId)))));
    }

    [Fact]
    public void Silos_Clustering_UsesTheRedisService()
    {
        var configuration = ConfigurationContract.Configuration(LiteralEnvironment());
        Assert.True(ConfigurationContract.Cluster(configuration).UsesRedis);

        var (host, port) = Urls.HostAndPort(ClusterOptions.RedisConnectionString(configuration));
        var service = KubernetesManifests.Get("Service", host);
        Assert.Contains(service.Spec.Seq("ports"), p => p.Int("port") == port);
    }

    [Fact]
    public void Silos_AdvertisedAddress_IsThePodIpDefinedEarlier()
    {
        var names = SiloContainer.EnvNames.ToList();
        var advertised = Variable(ConfigurationContract.ClusterKey(nameof(ClusterOptions.AdvertisedAddress)));

        Assert.Equal("$(POD_IP)", SiloContainer.EnvValue(advertised));
        // Kubernetes expands $(VAR) only for variables listed before the one that uses it.
        Assert.True(names.IndexOf("POD_IP") is >= 0 and var ip && ip < names.IndexOf(advertised), "POD_IP must come before " + advertised);
    }

    [Fact]
    public void SiloContainer_Ports_AreTheConfiguredSiloGatewayAndHealthPorts()
    {
        var ports = SiloContainer.Ports.Values.ToHashSet();

        Assert.Contains(Port(ConfigurationContract.ClusterKey(nameof(ClusterOptions.SiloPort)), new ClusterOptions().SiloPort), ports);
        Assert.Contains(Port(ConfigurationContract.ClusterKey(nameof(ClusterOptions.GatewayPort)), new ClusterOptions().GatewayPort), ports);
        Assert.Contains(HealthPort, ports);
        Assert.Subset(DeployedApp.Silo.Dockerfile.ExposedPorts.ToHashSet(), ports);
    }

    [Theory]
    [InlineData("readinessProbe", HealthEndpoints.ReadinessPath)]
    [InlineData("livenessProbe", HealthEndpoints.LivenessPath)]
    [InlineData("startupProbe", HealthEndpoints.LivenessPath)]
    public void SiloProbes_Paths_AreTheHealthEndpointsOnTheHealthPort(string probe, string path)
    {
        Assert.Equal(path, SiloContainer.ProbePath(probe));
        Assert.Equal(HealthPort, SiloContainer.ProbePort(probe));
    }

    [Fact]
    public void SiloPods_TerminationGracePeriod_IsLongerThanTheHostsGracefulLeave()
    {
        var grace = TimeSpan.FromSeconds(Silo.PodSpec.Int("terminationGracePeriodSeconds"));

        Assert.True(grace >= TimeSpan.FromSeconds(30));
        Assert.True(grace > SiloHost.ShutdownTimeout, $"terminationGracePeriodSeconds {grace} ≤ the silo's shutdown timeout {SiloHost.ShutdownTimeout}");
    }

    [Fact]
    public void SiloServiceAccount_Role_MayReadWatchDeleteAndPatchPods()
    {
        var account = Silo.PodSpec.Str("serviceAccountName");
        KubernetesManifests.Get("ServiceAccount", account);

        var binding = Assert.Single(KubernetesManifests.OfKind("RoleBinding"),
            b => b.Node.Seq("subjects").Any(s => s.Str("kind") == "ServiceAccount" && s.Str("name") == account && s.Str("namespace") == b.Namespace));
        var roleRef = binding.Node.Map("roleRef");
        Assert.Equal("Role", roleRef.Str("kind"));
        var role = KubernetesManifests.Get("Role", roleRef.Str("name"));

        var verbs = role.Node.Seq("rules")
            .Where(r => r.Seq("apiGroups").Any(g => g.Scalar() == "") && r.Seq("resources").Any(x => x.Scalar() == "pods"))
            .SelectMany(r => r.Seq("verbs").Select(v => v.Scalar()))
            .ToHashSet();
        Assert.Subset(verbs, new HashSet<string> { "get", "watch", "list", "delete", "patch" });
    }

    [Fact]
    public void SiloDeployment_Start_HasThreeReplicasWithACpuRequest()
    {
        Assert.Equal(3, Silo.Replicas);
        Assert.NotNull(SiloContainer.Node.Map("resources").Map("requests").OptionalStr("cpu"));
    }

    [Fact]
    public void DisruptionBudget_Selector_CoversSiloPodsOnlyOneAtATime()
    {
        var budget = Assert.Single(KubernetesManifests.OfKind("PodDisruptionBudget"));
        var selector = budget.Spec.Map("selector").StringMap("matchLabels");

        Assert.Equal("policy/v1", budget.ApiVersion);
        Assert.True(Silo.PodsMatch(selector), "the PodDisruptionBudget's selector does not pick the silo pods");
        Assert.DoesNotContain(KubernetesManifests.Deployments, d => d.Name != Silo.Name && d.PodsMatch(selector));
        Assert.Equal(1, AllowedDisruptions(budget, MinReplicas));
    }

    [Fact]
    public void Autoscaler_Target_IsTheSiloDeploymentOnCpu()
    {
        var autoscaler = Assert.Single(KubernetesManifests.OfKind("HorizontalPodAutoscaler"));
        var target = autoscaler.Spec.Map("scaleTargetRef");

        Assert.Equal("autoscaling/v2", autoscaler.ApiVersion);
        Assert.Equal(("apps/v1", "Deployment", Silo.Name), (target.Str("apiVersion"), target.Str("kind"), target.Str("name")));
        Assert.Contains(autoscaler.Spec.Seq("metrics"), m => m.Str("type") == "Resource" && m.Map("resource").Str("name") == "cpu");
        Assert.Equal(Silo.Replicas, MinReplicas);
        Assert.True(autoscaler.Spec.Int("maxReplicas") > MinReplicas);
    }

    [Fact]
    public void Silo_Environment_SetsOnlySettingsItReads()
    {
        foreach (var name in SiloContainer.EnvNames)
            Assert.True(DeployedApp.Silo.ReadsVariable(name) || ConfigurationContract.KubernetesHostingVariables.Contains(name) || SiloContainer.ExpandedNames.Contains(name),
                $"silo.yaml sets {name}, which neither the silo nor Orleans' Kubernetes hosting reads");
    }

    private static int MinReplicas => Assert.Single(KubernetesManifests.OfKind("HorizontalPodAutoscaler")).Spec.Int("minReplicas");

    private static int HealthPort => int.Parse(SiloContainer.EnvValue(Variable(ConfigurationContract.ClusterKey(nameof(ClusterOptions.HealthPort)))));

    private static int Port(string key, int fallback) =>
        LiteralEnvironment().TryGetValue(Variable(key), out var value) ? int.Parse(value) : fallback;

    /// <summary>The environment entries that are plain values.</summary>
    private static Dictionary<string, string> LiteralEnvironment() =>
        SiloContainer.EnvEntries.Where(e => e.OptionalStr("value") is not null).ToDictionary(e => e.Str("name"), e => e.Str("value"));

    /// <summary>A variable's value: the pod label it reads through the downward API, or its literal value.</summary>
    private static string LabelOrValue(string name)
    {
        var entry = SiloContainer.Env(name);
        if (entry.OptionalStr("value") is { } value) return value;
        var fieldPath = SiloContainer.EnvFieldPath(name);
        var match = System.Text.RegularExpressions.Regex.Match(fieldPath, @"^metadata\.labels\['(.+)'\]$");
        Assert.True(match.Success, $"{name} reads {fieldPath}, not a pod label");
        return Silo.PodLabels[match.Groups[1].Value];
    }

    /// <summary>How many silo pods the budget lets a drain take down at once, with the given number running.</summary>
    private static int AllowedDisruptions(KubernetesObject budget, int running) =>
        budget.Spec.OptionalStr("maxUnavailable") is { } maxUnavailable
            ? int.Parse(maxUnavailable)
            : running - budget.Spec.Int("minAvailable");
}
