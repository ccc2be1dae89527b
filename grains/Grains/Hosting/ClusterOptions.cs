using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace MathCluster.Grains.Hosting;

/// <summary>
/// Configuration keys shared by the silo host and the web app. They live under "Cluster", not "Orleans":
/// Orleans 10 reads its own "Orleans" section as provider configuration and rejects other keys there.
/// </summary>
public static class ClusterConfiguration
{
    public const string ClusteringKey = "Cluster:Clustering";
    public const string RedisConnectionName = "Redis";
    public const string SiloPortKey = "Cluster:SiloPort";
    public const string GatewayPortKey = "Cluster:GatewayPort";
    public const string PrimarySiloPortKey = "Cluster:PrimarySiloPort";
    public const string ClusterIdKey = "Cluster:ClusterId";
    public const string ServiceIdKey = "Cluster:ServiceId";
    /// <summary>The address other silos and clients reach this silo at (an IP or a host name); unset means loopback.</summary>
    public const string AdvertisedAddressKey = "Cluster:AdvertisedAddress";
    /// <summary>Port of the silo host's HTTP health endpoints (<see cref="LivenessPath"/>, <see cref="ReadinessPath"/>); 0 or unset turns them off.</summary>
    public const string HealthPortKey = "Cluster:HealthPort";
    public const string LivenessPath = "/healthz";
    /// <summary>Section bound to Orleans' ClusterMembershipOptions (ProbeTimeout, NumMissedProbesLimit, ...): how fast a dead silo is declared dead.</summary>
    public const string MembershipSection = "Cluster:Membership";
    /// <summary>How often a client re-reads the gateway list (a TimeSpan), so new silos get client calls soon.</summary>
    public const string GatewayListRefreshPeriodKey = "Cluster:GatewayListRefreshPeriod";
    public const string ReadinessPath = "/readyz";

    public const string DefaultClusterId = "math-cluster";
    public const string DefaultServiceId = "math-recognizer";
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    public static string ClusterId(IConfiguration configuration) => configuration[ClusterIdKey] ?? DefaultClusterId;

    public static string ServiceId(IConfiguration configuration) => configuration[ServiceIdKey] ?? DefaultServiceId;

    public static bool UsesRedis(IConfiguration configuration) =>
        string.Equals(configuration[ClusteringKey], "Redis", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The configured advertised address as IPv4 (host names resolved through DNS), or null when unset (loopback).
    /// Resolved once at start-up: a silo's address is fixed for its lifetime in the membership table.
    /// </summary>
    public static IPAddress? AdvertisedAddress(IConfiguration configuration)
    {
        var value = configuration[AdvertisedAddressKey];
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (IPAddress.TryParse(value, out var address)) return address;
        return Dns.GetHostAddresses(value).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
               ?? throw new InvalidOperationException($"{AdvertisedAddressKey}={value} has no IPv4 address.");
    }

    public static string RedisConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(RedisConnectionName)
        ?? throw new InvalidOperationException($"{ClusteringKey}=Redis needs ConnectionStrings:{RedisConnectionName}.");
}
