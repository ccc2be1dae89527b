using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Net;
using MathCluster.Grains.Models;
using MathCluster.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace MathCluster.Grains.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>
    /// Everything a recognizer silo needs, used by the standalone silo host and the web app's embedded silo alike:
    /// clustering (localhost by default, Redis when Cluster:Clustering=Redis), the model storage and the per-silo model services.
    /// </summary>
    public static ISiloBuilder AddRecognizerSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        int siloPort = configuration.GetValue(ClusterConfiguration.SiloPortKey, ClusterConfiguration.DefaultSiloPort);
        int gatewayPort = configuration.GetValue(ClusterConfiguration.GatewayPortKey, ClusterConfiguration.DefaultGatewayPort);
        string clusterId = ClusterConfiguration.ClusterId(configuration);
        string serviceId = ClusterConfiguration.ServiceId(configuration);

        if (ClusterConfiguration.UsesRedis(configuration))
        {
            silo.UseRedisClustering(ClusterConfiguration.RedisConnectionString(configuration));
            // An advertised address means other machines reach this silo, so it listens on every interface.
            if (ClusterConfiguration.AdvertisedAddress(configuration) is { } advertised)
                silo.ConfigureEndpoints(advertised, siloPort, gatewayPort, listenOnAnyHostAddress: true);
            else
                silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            silo.Configure<ClusterOptions>(o => { o.ClusterId = clusterId; o.ServiceId = serviceId; });
        }
        else
        {
            int primaryPort = configuration.GetValue(ClusterConfiguration.PrimarySiloPortKey, siloPort);
            silo.UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, primaryPort), serviceId, clusterId);
        }
        silo.AddMembershipTiming(configuration);

        silo.AddModelStorage(configuration);
        silo.Services.Configure<BatchingOptions>(configuration.GetSection(BatchingOptions.Section));
        silo.Services.Configure<ModelOptions>(configuration.GetSection(ModelOptions.Section));
        silo.Services.Configure<Corrections.CorrectionOptions>(configuration.GetSection(Corrections.CorrectionOptions.Section));
        // Grain and silo statistics for the Orleans dashboard, which the web app serves behind the admin token.
        silo.AddDashboard();
        return silo.AddRecognizerServices();
    }

    /// <summary>The per-silo model services alone, for hosts that bring their own clustering (such as the test cluster).</summary>
    public static ISiloBuilder AddRecognizerServices(this ISiloBuilder silo)
    {
        // Grain calls carry the caller's trace, so one request is one trace across processes.
        silo.AddActivityPropagation();
        silo.Services.TryAddSingleton(_ => BuiltInModel.Embedded());
        silo.Services.AddSingleton<ActiveModel>();
        silo.Services.AddSingleton<ModelValidator>();
        silo.Services.AddSingleton<IModelHostClient, ModelHostClient>();
        silo.AddGrainService<ModelHostService>();
        return silo;
    }
}
