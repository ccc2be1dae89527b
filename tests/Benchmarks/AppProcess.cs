using System.Diagnostics;
using MathCluster.TestSupport;

namespace MathCluster.Benchmarks;

/// <summary>The web app with its embedded silo, started from its build output as a separate process on free ports.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Peak resident memory of the process so far (VmHWM), in MiB.</summary>
    public double PeakMemoryMiB
    {
        get
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:"));
            return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        }
    }

    public static async Task<AppProcess> StartAsync(params string[] extraArguments)
    {
        var dll = BuildOutput.WebDll;
        int port = FreePort.Next(), silo = FreePort.Next(), gateway = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { dll, "--urls", $"http://127.0.0.1:{port}", "--Cluster:SiloPort", $"{silo}", "--Cluster:GatewayPort", $"{gateway}",
                     "--Cluster:PrimarySiloPort", $"{silo}", "--Logging:LogLevel:Default", "Warning",
                     "--Storage:Directory", Directory.CreateTempSubdirectory("mathcluster-bench-").FullName }.Concat(extraArguments))
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("  app: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        var timeout = TimeSpan.FromSeconds(60);
        if (!await ReadinessProbe.WaitAsync(app.Address, () => process.HasExited ? $"The app exited with code {process.ExitCode}." : null, timeout))
            throw new TimeoutException($"The app was not ready within {timeout}.");
        return app;
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
