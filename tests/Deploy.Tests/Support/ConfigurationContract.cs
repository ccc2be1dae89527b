using System.Reflection;
using MathCluster.Hosting;
using MathCluster.Hosting.Options;
using Microsoft.Extensions.Configuration;

namespace MathCluster.Deploy.Tests.Support;

/// <summary>
/// The environment variable names each process reads, derived from the typed options every host binds
/// (<see cref="ClusterDefaults.SettingsAreas"/>), so a deployment file that sets a name no code reads (a typo, a
/// renamed key) fails the tests.
/// </summary>
public static class ConfigurationContract
{
    /// <summary>.NET's environment configuration provider reads "__" as the section separator ":".</summary>
    public static string EnvironmentName(string configurationKey) => configurationKey.Replace(":", "__");

    public static string ConfigurationKey(string environmentName) => environmentName.Replace("__", ":");

    public static string ClusterKey(string property) => $"{ClusterOptions.Section}:{property}";

    public static string AdminTokenKey => $"{AdminOptions.Section}:{nameof(AdminOptions.Token)}";

    /// <summary>The cluster settings a process would bind from this configuration (validated as at start-up).</summary>
    public static ClusterOptions Cluster(IConfiguration configuration) => configuration.ReadValidated<ClusterOptions>(ClusterOptions.Section);

    public static string RedisConnectionVariable => EnvironmentName("ConnectionStrings:" + ClusterOptions.RedisConnectionName);

    public static string RedisStorageConnectionVariable => EnvironmentName("ConnectionStrings:" + ClusterOptions.RedisStorageConnectionName);

    /// <summary>
    /// What Orleans' Kubernetes hosting (Microsoft.Orleans.Hosting.Kubernetes, KubernetesHostingOptions) reads from
    /// the downward API. The package is not referenced here, so the names are spelled out.
    /// </summary>
    public static IReadOnlySet<string> KubernetesHostingVariables { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID" };

    /// <summary>Settings only the web app acts on; a silo given them ignores them, so a manifest setting them on a silo is a mistake.</summary>
    private static readonly HashSet<string> WebOnlySections = [AdminOptions.Section, LimitsOptions.Section, ClusterRetryOptions.Section];

    /// <summary>What the silo host reads: every settings area but the web app's own, the Redis connection and the OTLP endpoint.</summary>
    public static IReadOnlySet<string> SiloVariables { get; } = Names(section => !WebOnlySections.Contains(section), "Cluster__Mode");

    /// <summary>What the web app reads: every settings area, the Redis connection, the OTLP endpoint and Kestrel's URLs.</summary>
    public static IReadOnlySet<string> WebVariables { get; } = new HashSet<string>(Names(_ => true), StringComparer.Ordinal) { "ASPNETCORE_URLS" };

    public static bool IsKnownSiloVariable(string name) => SiloVariables.Contains(name) || name.StartsWith(EnvironmentName(ClusterOptions.MembershipSection) + "__", StringComparison.Ordinal);

    public static bool IsKnownWebVariable(string name) => WebVariables.Contains(name);

    /// <summary>The configuration a process would see for these environment variables.</summary>
    public static IConfiguration Configuration(IReadOnlyDictionary<string, string> environment) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(p => new KeyValuePair<string, string?>(ConfigurationKey(p.Key), p.Value)))
            .Build();

    private static HashSet<string> Names(Func<string, bool> includeSection, params string[] except)
    {
        var names = ClusterDefaults.SettingsAreas.Where(area => includeSection(area.Key))
            .SelectMany(area => area.Value.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite)
                .Select(p => EnvironmentName($"{area.Key}:{p.Name}")))
            .Except(except)
            .ToHashSet(StringComparer.Ordinal);
        names.Add(RedisConnectionVariable);
        names.Add(RedisStorageConnectionVariable);
        names.Add(TelemetryOptions.OtlpEndpointKey);
        return names;
    }
}
