using MathCluster.TestSupport;
using Xunit.Abstractions;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;

namespace MathCluster.Cluster.Tests.Support;

/// <summary>
/// A real cluster of processes on loopback: redis-server, three silos with Redis clustering (a ClusterId of its own)
/// and the web app in Client mode, plus the tests' own Orleans client to read membership and grain statistics.
/// When redis-server is not installed, nothing starts and the tests skip.
/// </summary>
public sealed class LocalCluster : IAsyncLifetime
{
    public const int InitialSilos = 3;
    // The silos' and web app's default service id (ClusterConfiguration.DefaultServiceId).
    private const string ServiceId = "math-recognizer";
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly List<SiloProcess> _silos = [];
    private RedisServer? _redis;
    private WebProcess? _web;
    private IHost? _client;
    private int _started;

    public string ClusterId { get; } = "tests-" + Guid.NewGuid().ToString("N")[..8];
    public IReadOnlyList<SiloProcess> Silos => _silos;
    public WebProcess Web => _web ?? throw new InvalidOperationException("The cluster is not running.");

    public async Task InitializeAsync()
    {
        if (!RedisServer.Installed) return;
        _redis = await RedisServer.StartAsync();
        var silos = Enumerable.Range(0, InitialSilos).Select(_ => StartSilo()).ToList();
        await Task.WhenAll(silos.Select(s => s.WaitReadyAsync(StartTimeout)));
        _web = await WebProcess.StartClientAsync(_redis.ConnectionString, ClusterId, StartTimeout);
        _client = await StartClientAsync(_redis.ConnectionString);
    }

    /// <summary>Skips the calling test, with the reason, when redis-server is missing.</summary>
    public void RequireRedis() =>
        Skip.IfNot(RedisServer.Installed, $"{RedisServer.Executable} is not installed (apt-get install -y redis-server; tests/run.sh does it when run as root).");

    /// <summary>Starts one more silo (not waiting for it) on ports of its own.</summary>
    public SiloProcess StartSilo()
    {
        var silo = SiloProcess.Start($"silo{Interlocked.Increment(ref _started)}", _redis!.ConnectionString, ClusterId);
        lock (_silos) _silos.Add(silo);
        return silo;
    }

    private IManagementGrain Management => _client!.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);

    /// <summary>The silos membership lists as Active, or null when the cluster does not answer right now (it is re-forming).</summary>
    public async Task<IReadOnlyList<SiloAddress>?> ActiveSilosAsync()
    {
        try
        {
            return [.. (await Management.GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(10))).Keys];
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>The membership address of a silo process, once it is Active.</summary>
    public async Task<SiloAddress?> AddressOfAsync(SiloProcess silo) =>
        (await ActiveSilosAsync())?.FirstOrDefault(a => a.Endpoint.Port == silo.SiloPort);

    /// <summary>Recognizer activations on <paramref name="silo"/>: stateless workers run where client calls enter, so any means it got work.</summary>
    public async Task<int> RecognizerActivationsAsync(SiloAddress silo)
    {
        try
        {
            var statistics = await Management.GetSimpleGrainStatistics([silo]).WaitAsync(TimeSpan.FromSeconds(10));
            return statistics.Where(s => s.GrainType.Contains("RecognizerGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            return 0;
        }
    }

    /// <summary>Runs a test on the cluster (skipping it without redis-server); a failure also prints every process's log tail.</summary>
    public async Task RunAsync(ITestOutputHelper output, Func<Task> test)
    {
        RequireRedis();
        try
        {
            await test();
        }
        catch
        {
            output.WriteLine(Diagnostics());
            throw;
        }
    }

    /// <summary>Every process's last lines, for a failure message.</summary>
    public string Diagnostics()
    {
        var text = new StringBuilder();
        IEnumerable<ChildProcess> processes = [.. _silos.Select(s => s.Process), .. _web is null ? Array.Empty<ChildProcess>() : [_web.Process]];
        foreach (var process in processes)
            text.AppendLine($"--- {process.Name} (exited: {process.HasExited}) ---").AppendLine(string.Join('\n', process.RecentOutput.Split('\n').TakeLast(25)));
        return text.ToString();
    }

    private async Task<IHost> StartClientAsync(string redis)
    {
        var builder = Host.CreateApplicationBuilder();
        // The client's own connection warnings (a silo was killed on purpose) would only clutter the test output.
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .UseRedisClustering(redis)
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ClusterId;
                o.ServiceId = ServiceId;
            })
            .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2)));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _client.StopAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                // The cluster may already be gone; the processes are killed below either way.
            }
            _client.Dispose();
        }
        if (_web is not null) await _web.DisposeAsync();
        foreach (var silo in _silos) await silo.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalClusterCollection
{
    // One real cluster at a time: each takes four processes and most of this machine's two cores.
    public const string Name = "local cluster processes";
}
