using MathCluster.Grains.Hosting;
using Orleans.Dashboard;

namespace MathCluster.Web.Hosting;

/// <summary>
/// Cluster:Mode=Embedded (default): the web app co-hosts a silo with the default model, so one process is the
/// whole system. Cluster:Mode=Client: the web app is a client of an external silo cluster.
/// </summary>
public static class ClusterHosting
{
    public const string ModeKey = "Cluster:Mode";
    public static readonly TimeSpan DefaultGatewayListRefreshPeriod = TimeSpan.FromSeconds(5);

    public static bool IsClientMode(IConfiguration configuration) =>
        string.Equals(configuration[ModeKey], "Client", StringComparison.OrdinalIgnoreCase);

    public static WebApplicationBuilder AddRecognizerCluster(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!IsClientMode(configuration))
        {
            builder.UseOrleans(silo => silo.AddRecognizerSilo(configuration));
            return builder;
        }

        var refresh = configuration.GetValue(ClusterConfiguration.GatewayListRefreshPeriodKey, DefaultGatewayListRefreshPeriod);
        builder.Services.AddHostedService(services => new ClusterTopologyWatcher(services.GetRequiredService<IGrainFactory>(),
            services.GetRequiredService<RecognizerKeys>(), services.GetRequiredService<ILogger<ClusterTopologyWatcher>>(), refresh));
        builder.UseOrleansClient(client =>
        {
            client.AddActivityPropagation();
            client.Services.AddSingleton<IClusterConnectionStatusObserver>(services => services.GetRequiredService<GatewayLossSignal>());
            // Re-read the gateway list often (Orleans' default is a minute), so calls reach a silo soon after it joins.
            client.Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = refresh);
            client.AddDashboard();
            if (ClusterConfiguration.UsesRedis(configuration))
            {
                client.UseRedisClustering(ClusterConfiguration.RedisConnectionString(configuration));
                client.Configure<Orleans.Configuration.ClusterOptions>(o =>
                {
                    o.ClusterId = ClusterConfiguration.ClusterId(configuration);
                    o.ServiceId = ClusterConfiguration.ServiceId(configuration);
                });
            }
            else
            {
                client.UseLocalhostClustering(
                    configuration.GetValue(ClusterConfiguration.GatewayPortKey, ClusterConfiguration.DefaultGatewayPort),
                    ClusterConfiguration.ServiceId(configuration),
                    ClusterConfiguration.ClusterId(configuration));
            }
        });
        return builder;
    }
}
