using MathCluster.Grains.Storage;
using MathCluster.Hosting.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace MathCluster.Hosting;

/// <summary>
/// The grain storage that holds the model registry and the uploaded models: Redis when the cluster runs on Redis
/// (ConnectionStrings:RedisStorage, else the membership's), else files under Storage:Directory, so the one-process mode keeps its models across restarts too.
/// </summary>
public static class ModelStorage
{

    public static ISiloBuilder AddModelStorage(this ISiloBuilder silo, ClusterOptions cluster, IConfiguration configuration)
    {
        if (cluster.UsesRedis)
        {
            var connection = ClusterOptions.RedisStorageConnectionString(configuration);
            return silo.AddRedisGrainStorage(GrainStorageNames.Models, o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(connection));
        }
        silo.Services.AddGrainStorage(GrainStorageNames.Models, (services, name) => new FileGrainStorage(name,
            new FileGrainStorageOptions { RootDirectory = services.GetRequiredService<IOptions<StorageOptions>>().Value.ResolvedDirectory },
            services.GetRequiredService<IOptions<Orleans.Configuration.ClusterOptions>>(), services.GetRequiredService<IGrainStorageSerializer>()));
        return silo;
    }
}
