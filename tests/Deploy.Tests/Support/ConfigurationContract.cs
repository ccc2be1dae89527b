using System.Reflection;
using MathCluster.Grains.Hosting;
using MathCluster.Grains.Models;
using MathCluster.Grains.Storage;
using MathCluster.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace MathCluster.Deploy.Tests.Support;

/// <summary>
/// The environment variable names each process reads, derived from the code's own configuration constants, so a
/// deployment file that sets a name no code reads (a typo, a renamed key) fails the tests.
/// </summary>
public static class ConfigurationContract
{
    /// <summary>.NET's environment configuration provider reads "__" as the section separator ":".</summary>
    public static string EnvironmentName(string configurationKey) => configurationKey.Replace(":", "__");

    public static string ConfigurationKey(string environmentName) => environmentName.Replace("__", ":");

    public static string RedisConnectionVariable => EnvironmentName("ConnectionStrings:" + ClusterConfiguration.RedisConnectionName);

    /// <summary>
    /// What Orleans' Kubernetes hosting (Microsoft.Orleans.Hosting.Kubernetes, KubernetesHostingOptions) reads from
    /// the downward API. The package is not referenced here, so the names are spelled out.
    /// </summary>
    public static IReadOnlySet<string> KubernetesHostingVariables { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID" };

    /// <summary>What the silo host reads: the cluster keys, storage, model, batching, Redis, telemetry.</summary>
    public static IReadOnlySet<string> SiloVariables { get; } = SiloNames();

    /// <summary>What the web app reads: everything its embedded silo reads, plus the mode, the admin token and Kestrel's URLs.</summary>
    public static IReadOnlySet<string> WebVariables { get; } = new HashSet<string>(SiloNames(), StringComparer.Ordinal)
    {
        EnvironmentName(ClusterHosting.ModeKey),
        EnvironmentName(AdminToken.ConfigurationKey),
        "ASPNETCORE_URLS",
    };

    public static bool IsKnownSiloVariable(string name) => SiloVariables.Contains(name) || IsBatchingVariable(name);

    public static bool IsKnownWebVariable(string name) => WebVariables.Contains(name) || IsBatchingVariable(name);

    /// <summary>The configuration a process would see for these environment variables.</summary>
    public static IConfiguration Configuration(IReadOnlyDictionary<string, string> environment) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(p => new KeyValuePair<string, string?>(ConfigurationKey(p.Key), p.Value)))
            .Build();

    private static HashSet<string> SiloNames()
    {
        var names = typeof(ClusterConfiguration).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true } && f.Name.EndsWith("Key", StringComparison.Ordinal))
            .Select(f => EnvironmentName((string)f.GetRawConstantValue()!))
            .ToHashSet(StringComparer.Ordinal);
        names.Add(RedisConnectionVariable);
        names.Add(EnvironmentName(ModelStorage.DirectoryKey));
        names.Add(EnvironmentName(ActiveModel.PathKey));
        names.Add(TelemetryExtensions.OtlpEndpointKey);
        return names;
    }

    private static bool IsBatchingVariable(string name)
    {
        var prefix = EnvironmentName(BatchingOptions.Section + ":");
        return name.StartsWith(prefix, StringComparison.Ordinal)
               && typeof(BatchingOptions).GetProperty(name[prefix.Length..], BindingFlags.Public | BindingFlags.Instance) is not null;
    }
}
