using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MathCluster.TestSupport;

/// <summary>One silo host process (silo's build output) with Redis clustering on free loopback ports, health included.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly ChildProcess _process;

    private SiloProcess(string name, ChildProcess process, int siloPort, int gatewayPort, int healthPort)
    {
        Name = name;
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HealthPort = healthPort;
    }

    public string Name { get; }
    public int SiloPort { get; }
    public int GatewayPort { get; }
    public int HealthPort { get; }
    public ChildProcess Process => _process;
    public Uri Readiness => new($"http://127.0.0.1:{HealthPort}/readyz");

    public static SiloProcess Start(string name, string redis, string clusterId)
    {
        int siloPort = FreePort.Next(), gatewayPort = FreePort.Next(), healthPort = FreePort.Next();
        var process = ChildProcess.Start(name, "dotnet",
        [
            BuildOutput.SiloDll,
            "--Cluster:Clustering", "Redis", "--ConnectionStrings:Redis", redis, "--Cluster:ClusterId", clusterId,
            "--Cluster:SiloPort", $"{siloPort}", "--Cluster:GatewayPort", $"{gatewayPort}", "--Cluster:HealthPort", $"{healthPort}",
            "--Logging:LogLevel:Default", "Warning",
        ]);
        return new SiloProcess(name, process, siloPort, gatewayPort, healthPort);
    }

    /// <summary>Waits until /readyz says the silo is Active in the cluster.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        bool ready = await ReadinessProbe.WaitAsync(new Uri($"http://127.0.0.1:{HealthPort}"),
            () => _process.HasExited ? $"{Name} exited before it was ready:\n{_process.RecentOutput}" : null, timeout);
        if (!ready) throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:F0} s:\n{_process.RecentOutput}");
    }

    public async Task<HttpStatusCode?> ReadyStatusAsync()
    {
        try
        {
            using var response = await Http.GetAsync(Readiness);
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>The readiness answer's body (status, silo, membership).</summary>
    public async Task<JsonElement> ReadinessAsync() => await Http.GetFromJsonAsync<JsonElement>(Readiness);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
