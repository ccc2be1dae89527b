using System.Diagnostics;
using MathCluster.TestSupport;

namespace MathCluster.Web.Tests.Support;

/// <summary>
/// The standalone Aspire dashboard restored by deploy/dashboard (the same one deploy/dashboard.sh runs), on free
/// loopback ports: UI and API, OTLP over gRPC.
/// </summary>
public sealed class DashboardProcess : IAsyncDisposable
{
    private readonly Process _process;

    private DashboardProcess(Process process, Uri ui, Uri otlp)
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
            .Select(c => System.IO.Path.Combine(RepositoryRoot.Path, "deploy", "dashboard", "bin", c, "net10.0", "dashboard-path.txt"))
            .Where(File.Exists)
            .Select(f => System.IO.Path.Combine(File.ReadAllText(f).Trim(), "Aspire.Dashboard"))
            .FirstOrDefault(File.Exists);

    public static async Task<DashboardProcess> StartAsync(string executable)
    {
        int ui = FreePort.Next(), otlp = FreePort.Next(), otlpHttp = FreePort.Next();
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ui}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{otlp}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{otlpHttp}";
        start.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The dashboard did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var dashboard = new DashboardProcess(process, new Uri($"http://127.0.0.1:{ui}"), new Uri($"http://127.0.0.1:{otlp}"));

        using var http = new HttpClient { BaseAddress = dashboard.Ui };
        bool up = await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"The dashboard exited with code {process.ExitCode}.");
            try { return (await http.GetAsync("/api/telemetry/traces")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromSeconds(60));
        if (!up) throw new TimeoutException("The dashboard did not answer within a minute.");
        return dashboard;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
