using MathCluster.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace MathCluster.Grains.Tests.Support;

/// <summary>The one-process mode's file grain storage under a test's own folder, so state outlives a test cluster.</summary>
public static class FileModelStorage
{
    public const string DirectoryKey = "Test:Storage";

    public static ISiloBuilder AddFileModelStorage(this ISiloBuilder silo)
    {
        var files = new FileGrainStorageOptions { RootDirectory = silo.Configuration[DirectoryKey]! };
        silo.Services.AddGrainStorage(GrainStorageNames.Models, (services, name) => new FileGrainStorage(name, files,
            services.GetRequiredService<IOptions<ClusterOptions>>(), services.GetRequiredService<IGrainStorageSerializer>()));
        return silo;
    }
}
