using MathCluster.Grains.Hosting;
using MathCluster.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Host settings reach WebApplicationBuilder.Configuration before Program reads it (AddRecognizerCluster reads it eagerly).
        builder.UseSetting(ClusterHosting.ModeKey, "Embedded");
        builder.UseSetting(ClusterConfiguration.ClusteringKey, "Localhost");
        builder.UseSetting(ClusterConfiguration.SiloPortKey, SiloPort.ToString());
        builder.UseSetting(ClusterConfiguration.GatewayPortKey, GatewayPort.ToString());
        builder.UseSetting(ClusterConfiguration.PrimarySiloPortKey, SiloPort.ToString());
        builder.UseSetting("Model:Path", "");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}
