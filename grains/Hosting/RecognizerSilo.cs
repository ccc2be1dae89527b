using System.Net;
using MathCluster.Grains;
using MathCluster.Hosting.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;

namespace MathCluster.Hosting;

/// <summary>
/// The cluster's one clustering switch, for silos and clients alike: Localhost (default) or Redis
/// (Cluster:Clustering=Redis with ConnectionStrings:Redis), with the cluster and service ids both sides must share.
/// </summary>
public static class RecognizerSilo
{
    /// <summary>
    /// Everything a recognizer silo needs, used by the standalone silo host and the web app's embedded silo alike:
    /// clustering, membership timing, load shedding, the model storage, the dashboard's statistics and the per-silo model services.
    /// </summary>
    public static ISiloBuilder AddRecognizerSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var cluster = configuration.ReadValidated<ClusterOptions>(ClusterOptions.Section);
        if (cluster.UsesRedis)
        {
            silo.UseRedisClustering(ClusterOptions.RedisConnectionString(configuration));
            // An advertised address means other machines reach this silo, so it listens on every interface.
            if (cluster.ResolveAdvertisedAddress() is { } advertised)
                silo.ConfigureEndpoints(advertised, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
            else
                silo.ConfigureEndpoints(IPAddress.Loopback, cluster.SiloPort, cluster.GatewayPort);
            silo.Configure<Orleans.Configuration.ClusterOptions>(o => { o.ClusterId = cluster.ClusterId; o.ServiceId = cluster.ServiceId; });
        }
        else
        {
            var primary = new IPEndPoint(IPAddress.Loopback, cluster.PrimarySiloPort ?? cluster.SiloPort);
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, primary, cluster.ServiceId, cluster.ClusterId);
        }
        silo.AddMembershipTiming();
        var shedding = configuration.ReadValidated<LoadSheddingOptions>(LoadSheddingOptions.Section);
        silo.Configure<Orleans.Configuration.LoadSheddingOptions>(o =>
        {
            o.LoadSheddingEnabled = shedding.Enabled;
            o.CpuThreshold = shedding.CpuThreshold;
            o.MemoryThreshold = shedding.MemoryThreshold;
        });
        silo.AddModelStorage(cluster, configuration);
        // Grain and silo statistics for the Orleans dashboard, which the web app serves behind the admin token.
        silo.AddDashboard();
        return silo.AddRecognizerServices();
    }

    /// <summary>The same switch for a client of an external cluster (the web app in Cluster:Mode=Client).</summary>
    public static IClientBuilder UseRecognizerClustering(this IClientBuilder client, IConfiguration configuration)
    {
        var cluster = configuration.ReadValidated<ClusterOptions>(ClusterOptions.Section);
        if (cluster.UsesRedis)
        {
            client.UseRedisClustering(ClusterOptions.RedisConnectionString(configuration));
            client.Configure<Orleans.Configuration.ClusterOptions>(o => { o.ClusterId = cluster.ClusterId; o.ServiceId = cluster.ServiceId; });
        }
        else
        {
            client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
        }
        // Re-read the gateway list often (Orleans' default is a minute), so calls reach a silo soon after it joins.
        client.Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = cluster.GatewayListRefreshPeriod);
        client.AddActivityPropagation();
        client.AddDashboard();
        return client;
    }
}
