using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace MathCluster.Hosting.Options;

public enum ClusterMode
{
    /// <summary>The web app hosts a silo itself: one process is the whole system.</summary>
    Embedded,
    /// <summary>The web app is a client of an external silo cluster.</summary>
    Client,
}

public enum ClusteringMode
{
    /// <summary>Silos on one machine find each other through the primary silo's port.</summary>
    Localhost,
    /// <summary>Membership in Redis (ConnectionStrings:Redis).</summary>
    Redis,
}

/// <summary>
/// Where this process sits in the cluster (section "Cluster", not "Orleans": Orleans 10 reads its own "Orleans"
/// section as provider configuration and rejects other keys there).
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";
    public const string RedisConnectionName = "Redis";
    /// <summary>Where a Redis-clustered silo keeps grain state (the model registry and model bytes); unset: the membership's Redis.</summary>
    public const string RedisStorageConnectionName = "RedisStorage";
    /// <summary>Bound to Orleans' ClusterMembershipOptions (ProbeTimeout, NumMissedProbesLimit, ...).</summary>
    public const string MembershipSection = "Cluster:Membership";

    /// <summary>Web app only: host a silo (Embedded) or join an external cluster (Client).</summary>
    public ClusterMode Mode { get; set; } = ClusterMode.Embedded;

    public ClusteringMode Clustering { get; set; } = ClusteringMode.Localhost;

    [Range(1, 65535)] public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)] public int GatewayPort { get; set; } = 30000;

    /// <summary>Localhost clustering: the silo port of the primary silo that several local silos share; unset: this silo's own.</summary>
    [Range(1, 65535)] public int? PrimarySiloPort { get; set; }

    [Required, RegularExpression("^[A-Za-z0-9._-]{1,64}$")] public string ClusterId { get; set; } = "math-cluster";

    [Required, RegularExpression("^[A-Za-z0-9._-]{1,64}$")] public string ServiceId { get; set; } = "math-recognizer";

    /// <summary>The IP or host name (resolved to IPv4) other machines reach this silo at; unset means loopback.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Silo host only: port of its HTTP health endpoints; 0 serves no HTTP.</summary>
    [Range(0, 65535)] public int HealthPort { get; set; }

    /// <summary>Client mode: how often the gateway list is re-read, so new silos get calls soon (Orleans' default is a minute).</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00")] public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    public bool UsesRedis => Clustering == ClusteringMode.Redis;

    /// <summary>Listen on every interface: other machines reach this silo at its advertised address.</summary>
    public bool ListensOnEveryInterface => !string.IsNullOrWhiteSpace(AdvertisedAddress);

    /// <summary>
    /// The advertised address as IPv4 (host names resolved through DNS), or null when unset (loopback). Resolved
    /// once at start-up: a silo's address is fixed for its lifetime in the membership table.
    /// </summary>
    public IPAddress? ResolveAdvertisedAddress()
    {
        if (string.IsNullOrWhiteSpace(AdvertisedAddress)) return null;
        if (IPAddress.TryParse(AdvertisedAddress, out var address)) return address;
        return Dns.GetHostAddresses(AdvertisedAddress).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
               ?? throw new InvalidOperationException($"{Section}:{nameof(AdvertisedAddress)}={AdvertisedAddress} has no IPv4 address.");
    }

    /// <summary>
    /// The grain storage's Redis: its own instance when ConnectionStrings:RedisStorage is set, so model uploads that
    /// fill it can never take the membership table down with them.
    /// </summary>
    public static string RedisStorageConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(RedisStorageConnectionName) is { Length: > 0 } storage ? storage : RedisConnectionString(configuration);

    public static string RedisConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(RedisConnectionName) is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException($"{Section}:{nameof(Clustering)}=Redis needs ConnectionStrings:{RedisConnectionName}.");
}
