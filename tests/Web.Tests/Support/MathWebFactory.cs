using MathCluster.TestSupport;
using MathCluster.Hosting.Options;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MathCluster.Web.Tests.Support;

/// <summary>
/// The web app with its embedded silo (the default Cluster:Mode) on ports of its own, so several hosts (test
/// classes run in parallel) and a developer's running app never fight over 11111/30000.
/// </summary>
public class MathWebFactory : WebApplicationFactory<Program>
{
    public int SiloPort { get; } = FreePort.Next();
    public int GatewayPort { get; } = FreePort.Next();

    /// <summary>The admin token every test host uses (model management, dashboard).</summary>
    public const string AdminTokenValue = "test-admin-token-0123456789abcdef";

    /// <summary>The side of the largest square PNG canvas the default Limits:MaxCanvasPixels accepts.</summary>
    public static int LargestAcceptedSquareSide => (int)Math.Sqrt(new LimitsOptions().MaxCanvasPixels);

    /// <summary>Extra configuration for this host, applied after the defaults.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>This host's own grain state (the model registry), so hosts never share it; deleted with the host.</summary>
    public string StateDirectory { get; init; } = Directory.CreateTempSubdirectory("mathcluster-state-").FullName;

    /// <summary>False hands the state on to a later host (a restart).</summary>
    public bool DeleteStateOnDispose { get; init; } = true;

    /// <summary>Kestrel limits for this host (when it serves on Kestrel).</summary>
    public Action<KestrelServerOptions>? Kestrel { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (Kestrel is not null) builder.ConfigureKestrel(Kestrel);
        // Host settings reach WebApplicationBuilder.Configuration before Program reads it (AddRecognizerCluster reads it eagerly).
        builder.UseSetting("Cluster:Mode", nameof(ClusterMode.Embedded));
        builder.UseSetting("Cluster:Clustering", nameof(ClusteringMode.Localhost));
        builder.UseSetting("Cluster:SiloPort", SiloPort.ToString());
        builder.UseSetting("Cluster:GatewayPort", GatewayPort.ToString());
        builder.UseSetting("Cluster:PrimarySiloPort", SiloPort.ToString());
        builder.UseSetting("Models:Path", "");
        builder.UseSetting("Storage:Directory", StateDirectory);
        builder.UseSetting("Admin:Token", AdminTokenValue);
        // Tests on Kestrel count requests and fill limiters; the warm-up's own test turns it on.
        builder.UseSetting("Warmup:Requests", "0");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        // UseKestrel registers Kestrel's services after Program's, its own memory pool among them, which would then
        // win: serve on the pool Program registers, as the app does.
        builder.ConfigureServices(services =>
        {
            if (services.FirstOrDefault(d => d.ServiceType == typeof(IMemoryPoolFactory<byte>) && d.ImplementationType?.Assembly == typeof(Program).Assembly) is { } programs)
                services.Add(programs);
        });
        return base.CreateHost(builder);
    }

    /// <summary>Serves on real Kestrel (127.0.0.1, a port the OS picks) and returns its address.</summary>
    public Uri StartOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        return ClientOptions.BaseAddress;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (!DeleteStateOnDispose) return;
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Temp space is cleaned anyway; a leftover directory harms nothing.
        }
    }
}
