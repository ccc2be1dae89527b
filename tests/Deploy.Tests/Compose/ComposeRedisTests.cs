using MathCluster.Deploy.Tests.Support;
using MathCluster.Hosting.Options;

namespace MathCluster.Deploy.Tests.Compose;

/// <summary>deploy/compose.yaml's Redis: a password from a compose secret, a memory cap, and membership apart from the model store.</summary>
public class ComposeRedisTests
{
    private static IReadOnlyList<ComposeService> RedisServices =>
        ComposeFile.Services.Where(s => s.Image.StartsWith("redis:", StringComparison.Ordinal)).ToList();

    private static IEnumerable<ComposeService> Apps => ComposeFile.ServicesOf(DeployedApp.Silo).Concat(ComposeFile.ServicesOf(DeployedApp.Web));

    [Fact]
    public void EveryRedis_RequiresThePasswordFromTheComposeSecret_AndCapsItsMemory()
    {
        Assert.NotEmpty(RedisServices);
        foreach (var redis in RedisServices)
        {
            string command = string.Join(" ", redis.Node.Seq("command").Select(c => c.Scalar()));
            Assert.Contains("--requirepass \"$$(cat /run/secrets/redis-password)\"", command);
            Assert.Contains("--maxmemory ", command);
            Assert.Contains("--maxmemory-policy noeviction", command);
            Assert.Contains("redis-password", redis.Node.Seq("secrets").Select(s => s.Scalar()));
            Assert.Contains("/run/secrets/redis-password", string.Join(" ", redis.Healthcheck!.Seq("test").Select(t => t.Scalar())));
        }
        Assert.Equal("REDIS_PASSWORD", ComposeFile.Root.Map("secrets").Map("redis-password").Str("environment"));
    }

    [Fact]
    public void Apps_ConnectWithThePassword_AndKeepModelBytesApartFromMembership()
    {
        foreach (var app in Apps)
        {
            var configuration = ConfigurationContract.Configuration(app.Environment);
            Assert.Contains("password=${REDIS_PASSWORD:?", ClusterOptions.RedisConnectionString(configuration));
        }
        foreach (var silo in ComposeFile.ServicesOf(DeployedApp.Silo))
        {
            var configuration = ConfigurationContract.Configuration(silo.Environment);
            var membership = Urls.HostAndPort(ClusterOptions.RedisConnectionString(configuration)).Host;
            var storage = Urls.HostAndPort(ClusterOptions.RedisStorageConnectionString(configuration)).Host;
            Assert.NotEqual(membership, storage);
            Assert.Contains(storage, RedisServices.Select(r => r.Name));
            Assert.Contains("password=${REDIS_PASSWORD:?", ClusterOptions.RedisStorageConnectionString(configuration));
        }
    }
}
