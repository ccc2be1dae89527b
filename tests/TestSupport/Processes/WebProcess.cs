using System.Globalization;

namespace MathCluster.TestSupport;

/// <summary>The web app (its build output) as a separate process on a free loopback port, started and awaited until ready.</summary>
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

    /// <summary>
    /// With its embedded silo on free ports and grain state in a temporary folder: the whole system in one process, run
    /// from its build output folder, its content root (appsettings.json and the page), as the benchmark always ran it.
    /// </summary>
    /// <param name="echoError">Hands on each line the app writes to standard error.</param>
    public static Task<WebProcess> StartEmbeddedAsync(TimeSpan timeout, Action<string>? echoError = null, params string[] extraArguments)
    {
        int silo = FreePort.Next(), gateway = FreePort.Next();
        return StartAsync(
        [
            "--Cluster:SiloPort", $"{silo}", "--Cluster:GatewayPort", $"{gateway}", "--Cluster:PrimarySiloPort", $"{silo}",
            "--Logging:LogLevel:Default", "Warning",
            "--Storage:Directory", Directory.CreateTempSubdirectory("mathcluster-web-").FullName, .. extraArguments,
        ], null, timeout, echoError, Path.GetDirectoryName(BuildOutput.WebDll));
    }

    /// <summary>In Client mode against a Redis-clustered test cluster.</summary>
    public static Task<WebProcess> StartClientAsync(string redis, string clusterId, TimeSpan timeout) => StartAsync(
    [
        "--Cluster:Mode", "Client", "--Cluster:Clustering", "Redis", "--ConnectionStrings:Redis", redis, "--Cluster:ClusterId", clusterId,
        "--Logging:LogLevel:Default", "Warning",
    ], new Dictionary<string, string> { ["Admin__Token"] = "cluster-tests-admin-token-0123456789" }, timeout);

    private static async Task<WebProcess> StartAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout,
        Action<string>? echoError = null, string? workingDirectory = null)
    {
        int port = FreePort.Next();
        var process = ChildProcess.Start("web", "dotnet", [BuildOutput.WebDll, "--urls", $"http://127.0.0.1:{port}", .. arguments], environment, echoError, workingDirectory);
        var web = new WebProcess(process, new Uri($"http://127.0.0.1:{port}"));
        bool ready = await ReadinessProbe.WaitAsync(web.Address,
            () => process.HasExited ? $"The web app exited before it was ready:\n{process.RecentOutput}" : null, timeout);
        if (!ready)
        {
            await process.DisposeAsync();
            throw new TimeoutException($"The web app was not ready within {timeout.TotalSeconds:F0} s:\n{process.RecentOutput}");
        }
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
