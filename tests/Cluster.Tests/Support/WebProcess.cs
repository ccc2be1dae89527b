using MathCluster.TestSupport;
using System.Globalization;

namespace MathCluster.Cluster.Tests.Support;

/// <summary>The web app (its build output) in Client mode against the test cluster, on a free loopback port.</summary>
public sealed class WebProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private WebProcess(ChildProcess process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }
    public ChildProcess Process => _process;

    public static async Task<WebProcess> StartAsync(string redis, string clusterId, TimeSpan timeout)
    {
        int port = FreePort.Next();
        var process = ChildProcess.Start("web", "dotnet",
        [
            BuildOutput.WebDll, "--urls", $"http://127.0.0.1:{port}",
            "--Cluster:Mode", "Client", "--Cluster:Clustering", "Redis", "--ConnectionStrings:Redis", redis, "--Cluster:ClusterId", clusterId,
            "--Logging:LogLevel:Default", "Warning",
        ], new Dictionary<string, string> { ["Admin__Token"] = "cluster-tests-admin-token-0123456789" });
        var web = new WebProcess(process, new Uri($"http://127.0.0.1:{port}"));
        bool ready = await ReadinessProbe.WaitAsync(web.Address,
            () => process.HasExited ? $"The web app exited before it was ready:\n{process.RecentOutput}" : null, timeout);
        if (!ready) throw new TimeoutException($"The web app was not ready within {timeout.TotalSeconds:F0} s:\n{process.RecentOutput}");
        return web;
    }

    /// <summary>Grain calls the web app repeated after silo failures (recognizer_client_retries_total on /metrics), by exception.</summary>
    public async Task<IReadOnlyDictionary<string, long>> RetriesAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var text = await http.GetStringAsync("/metrics");
        var retries = new Dictionary<string, long>();
        foreach (var line in text.Split('\n').Where(l => l.StartsWith("recognizer_client_retries_total", StringComparison.Ordinal)))
        {
            int start = line.IndexOf("exception=\"", StringComparison.Ordinal);
            string exception = start < 0 ? "?" : line[(start + 11)..line.IndexOf('"', start + 11)];
            var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
            retries[exception] = retries.GetValueOrDefault(exception) + (long)double.Parse(value, CultureInfo.InvariantCulture);
        }
        return retries;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
