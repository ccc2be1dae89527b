using MathCluster.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace MathCluster.Grains.Storage;

/// <summary>
/// The grain storage that holds the model registry and the uploaded models: Redis when the cluster runs on Redis,
/// else files under Storage:Directory, so the one-process mode keeps its models across restarts too.
/// </summary>
public static class ModelStorage
{
    public const string Name = "models";
    public const string DirectoryKey = "Storage:Directory";

    public static string DefaultDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "mathcluster", "state");

    public static ISiloBuilder AddModelStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (ClusterConfiguration.UsesRedis(configuration))
        {
            var connection = ClusterConfiguration.RedisConnectionString(configuration);
            return silo.AddRedisGrainStorage(Name, o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(connection));
        }
        var directory = configuration[DirectoryKey];
        var options = new FileGrainStorageOptions { RootDirectory = string.IsNullOrWhiteSpace(directory) ? DefaultDirectory : Path.GetFullPath(directory) };
        silo.Services.AddGrainStorage(Name, (services, name) => new FileGrainStorage(name, options,
            services.GetRequiredService<IOptions<ClusterOptions>>(), services.GetRequiredService<IGrainStorageSerializer>()));
        return silo;
    }
}
