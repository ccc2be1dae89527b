using MathCluster.Deploy.Tests.Support;
using MathCluster.Hosting.Options;
using YamlDotNet.RepresentationModel;

namespace MathCluster.Deploy.Tests.Kubernetes;

/// <summary>
/// deploy/k8s: Redis behind a password from a Secret with a memory cap, the model store apart from membership, and
/// NetworkPolicies that let only silo and web pods reach Redis and the silos' cluster ports.
/// </summary>
public class RedisAndNetworkTests
{
    private const string PasswordVariable = "REDIS_PASSWORD";

    private static IReadOnlyList<Workload> RedisDeployments =>
        KubernetesManifests.Deployments.Where(d => d.Containers.Any(c => c.Image.StartsWith("redis:", StringComparison.Ordinal))).ToList();

    private static Workload App(DeployedApp app) => Assert.Single(KubernetesManifests.Deployments, d => d.Containers.Any(c => c.Image == app.Image));

    private static Container AppContainer(DeployedApp app) => Assert.Single(App(app).Containers, c => c.Image == app.Image);

    [Fact]
    public void EveryRedis_RequiresThePasswordFromTheSecret_AndCapsItsMemoryBelowItsLimit()
    {
        Assert.True(RedisDeployments.Count >= 2, "membership and model storage each have their own Redis");
        foreach (var redis in RedisDeployments)
        {
            var container = Assert.Single(redis.Containers);
            var args = container.Node.Seq("args").Select(a => a.Scalar()).ToList();
            Assert.Equal($"$({PasswordVariable})", args[args.IndexOf("--requirepass") + 1]);
            AssertFromRedisSecret(container);
            Assert.Equal("noeviction", args[args.IndexOf("--maxmemory-policy") + 1]);
            long maxmemory = Bytes(args[args.IndexOf("--maxmemory") + 1]);
            long limit = Bytes(container.Node.Map("resources").Map("limits").Str("memory"));
            Assert.True(maxmemory < limit, $"{redis.Name}: maxmemory {maxmemory} must leave room under the container limit {limit}");
        }
    }

    [Fact]
    public void Apps_BuildTheirConnectionStringsFromTheSecret()
    {
        foreach (var app in new[] { DeployedApp.Silo, DeployedApp.Web })
        {
            var container = AppContainer(app);
            AssertFromRedisSecret(container);
            var names = container.EnvNames.ToList();
            Assert.True(names.IndexOf(PasswordVariable) < names.IndexOf(ConfigurationContract.RedisConnectionVariable), "the password is defined before it expands");
            Assert.Contains($"password=$({PasswordVariable})", container.EnvValue(ConfigurationContract.RedisConnectionVariable));
        }
    }

    [Fact]
    public void Silos_KeepModelBytesInARedisOtherThanMembership()
    {
        var silo = AppContainer(DeployedApp.Silo);
        var membership = Urls.HostAndPort(silo.EnvValue(ConfigurationContract.RedisConnectionVariable)).Host;
        var storage = Urls.HostAndPort(silo.EnvValue(ConfigurationContract.RedisStorageConnectionVariable)).Host;
        Assert.NotEqual(membership, storage);
        foreach (var host in new[] { membership, storage })
            Assert.Contains(RedisDeployments, r => r.PodsMatch(KubernetesManifests.Get("Service", host).Spec.StringMap("selector")));
        Assert.Contains($"password=$({PasswordVariable})", silo.EnvValue(ConfigurationContract.RedisStorageConnectionVariable));
    }

    [Fact]
    public void OnlySiloAndWebPods_ReachRedis()
    {
        foreach (var redis in RedisDeployments)
        {
            var policies = PoliciesFor(redis).ToList();
            Assert.NotEmpty(policies);
            foreach (var rule in policies.SelectMany(p => p.Spec.OptionalSeq("ingress")))
                Assert.All(Sources(rule), source => Assert.True(IsAppPod(source), $"{redis.Name} admits pods other than silos and web"));
        }
    }

    [Fact]
    public void OnlySiloAndWebPods_ReachTheSiloClusterPorts()
    {
        var silo = App(DeployedApp.Silo);
        var container = AppContainer(DeployedApp.Silo);
        var clusterPorts = new[] { container.Ports["silo"], container.Ports["gateway"] };
        var rules = PoliciesFor(silo).SelectMany(p => p.Spec.OptionalSeq("ingress")).ToList();
        Assert.NotEmpty(rules);
        foreach (int port in clusterPorts)
        {
            var admitting = rules.Where(rule => rule.OptionalSeq("ports").Count == 0 || rule.OptionalSeq("ports").Any(p => p.Int("port") == port)).ToList();
            Assert.NotEmpty(admitting);
            foreach (var rule in admitting)
            {
                var sources = Sources(rule).ToList();
                Assert.True(sources.Count > 0 && sources.All(IsAppPod), $"port {port} is open to more than silo and web pods");
            }
        }
    }

    private static IEnumerable<KubernetesObject> PoliciesFor(Workload workload) =>
        KubernetesManifests.OfKind("NetworkPolicy").Where(p => Selects(p.Spec.Map("podSelector"), workload.PodLabels)
                                                             && p.Spec.Seq("policyTypes").Any(t => t.Scalar() == "Ingress"));

    private static IEnumerable<YamlNode> Sources(YamlNode rule) => rule.OptionalSeq("from");

    private static bool IsAppPod(YamlNode source) =>
        source.Optional("podSelector") is YamlMappingNode selector && source.Optional("namespaceSelector") is null && source.Optional("ipBlock") is null
        && (Selects(selector, App(DeployedApp.Silo).PodLabels) || Selects(selector, App(DeployedApp.Web).PodLabels))
        && !RedisDeployments.Any(r => Selects(selector, r.PodLabels));

    /// <summary>matchLabels and In-expressions, as a NetworkPolicy's podSelector uses them here.</summary>
    private static bool Selects(YamlMappingNode selector, IReadOnlyDictionary<string, string> labels)
    {
        var matchLabels = selector.Optional("matchLabels") is YamlMappingNode ? selector.StringMap("matchLabels") : new Dictionary<string, string>();
        var expressions = selector.OptionalSeq("matchExpressions");
        if (matchLabels.Count == 0 && expressions.Count == 0) return true;
        return matchLabels.All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value)
               && expressions.All(e => e.Str("operator") == "In" && labels.TryGetValue(e.Str("key"), out var v) && e.Seq("values").Any(x => x.Scalar() == v));
    }

    private static void AssertFromRedisSecret(Container container)
    {
        var reference = container.Env(PasswordVariable).Map("valueFrom").Map("secretKeyRef");
        var secret = KubernetesManifests.Get("Secret", reference.Str("name"));
        Assert.Contains(reference.Str("key"), secret.Node.StringMap("stringData").Keys);
    }

    private static long Bytes(string quantity)
    {
        var units = new (string Suffix, long Factor)[] { ("Gi", 1L << 30), ("Mi", 1L << 20), ("Ki", 1L << 10), ("gb", 1L << 30), ("mb", 1L << 20), ("kb", 1L << 10) };
        foreach (var (suffix, factor) in units)
            if (quantity.EndsWith(suffix, StringComparison.Ordinal)) return long.Parse(quantity[..^suffix.Length]) * factor;
        return long.Parse(quantity);
    }
}
