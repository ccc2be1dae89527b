using MathCluster.Hosting;
using MathCluster.Hosting.Health;
using MathCluster.Hosting.Options;
using MathCluster.Web.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MathCluster.Web.Hosting;

/// <summary>
/// Cluster:Mode=Embedded (default): the web app co-hosts a silo with the default model, so one process is the
/// whole system. Cluster:Mode=Client: the web app is a client of an external silo cluster.
/// </summary>
public static class ClusterHosting
{
    public static WebApplicationBuilder AddRecognizerCluster(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddHealthChecks()
            .AddCheck<ClusterReadyHealthCheck>(ClusterReadyHealthCheck.Name, tags: [HealthTags.Ready])
            .AddCheck<ServedModelHealthCheck>(ServedModelHealthCheck.Name, tags: [HealthTags.Ready])
            .Add(new HealthCheckRegistration(HttpWarmup.Name, services => services.GetRequiredService<HttpWarmup>(), null, [HealthTags.Ready]));
        builder.Services.AddSingleton<HttpWarmup>();
        builder.Services.AddHostedService(services => services.GetRequiredService<HttpWarmup>());
        if (configuration.ReadValidated<ClusterOptions>(ClusterOptions.Section).Mode == ClusterMode.Embedded)
        {
            builder.UseOrleans(silo => silo.AddRecognizerSilo(configuration));
            builder.Services.AddHealthChecks().AddPipelineWarmup();
            return builder;
        }

        builder.Services.AddHostedService(services => new ClusterTopologyWatcher(services.GetRequiredService<IGrainFactory>(),
            services.GetRequiredService<RecognizerKeys>(), services.GetRequiredService<ILogger<ClusterTopologyWatcher>>(),
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.GatewayListRefreshPeriod));
        builder.UseOrleansClient(client =>
        {
            client.Services.AddSingleton<IClusterConnectionStatusObserver>(services => services.GetRequiredService<GatewayLossSignal>());
            client.UseRecognizerClustering(configuration);
        });
        return builder;
    }
}
