namespace MathCluster.TestSupport;

/// <summary>
/// The standalone Aspire dashboard restored by deploy/dashboard (the same one deploy/dashboard.sh runs), on free
/// loopback ports: UI and API, OTLP over gRPC.
/// </summary>
public sealed class DashboardProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private DashboardProcess(ChildProcess process, Uri ui, Uri otlp)
    {
        _process = process;
        Ui = ui;
        Otlp = otlp;
    }

    public Uri Ui { get; }
    public Uri Otlp { get; }

    /// <summary>The dashboard executable, or null when deploy/dashboard has not been built.</summary>
    public static string? Executable =>
        new[] { "Release", "Debug" }
            .Select(c => Path.Combine(RepositoryRoot.Path, "deploy", "dashboard", "bin", c, "net10.0", "dashboard-path.txt"))
            .Where(File.Exists)
            .Select(f => Path.Combine(File.ReadAllText(f).Trim(), "Aspire.Dashboard"))
            .FirstOrDefault(File.Exists);

    public static async Task<DashboardProcess> StartAsync(string executable)
    {
        int ui = FreePort.Next(), otlp = FreePort.Next(), otlpHttp = FreePort.Next();
        var process = ChildProcess.Start("dashboard", executable, [], new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ui}",
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{otlp}",
            ["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{otlpHttp}",
            ["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true",
        });
        var dashboard = new DashboardProcess(process, new Uri($"http://127.0.0.1:{ui}"), new Uri($"http://127.0.0.1:{otlp}"));

        using var http = new HttpClient { BaseAddress = dashboard.Ui };
        bool up = await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"The dashboard exited:\n{process.RecentOutput}");
            try { return (await http.GetAsync("/api/telemetry/traces")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromSeconds(60));
        if (!up)
        {
            await process.DisposeAsync();
            throw new TimeoutException("The dashboard did not answer within a minute.");
        }
        return dashboard;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
