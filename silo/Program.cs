using System.Net;
using MathCluster.Grains.Hosting;
using MathCluster.Silo.Health;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Logging.Console;

// A recognizer silo. Localhost clustering by default (a one-silo dev cluster, or several on one machine with
// distinct Cluster:SiloPort / Cluster:GatewayPort and a shared Cluster:PrimarySiloPort); Redis clustering with
// Cluster:Clustering=Redis and ConnectionStrings:Redis. Cluster:HealthPort > 0 serves /healthz and /readyz.
// SIGTERM stops the silo gracefully: it leaves the cluster, stops taking calls and finishes the ones it holds.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
// The slim builder pins the simple console formatter; appsettings choose JSON, as the full host would honour.
builder.Services.Configure<ConsoleLoggerOptions>(builder.Configuration.GetSection("Logging:Console"));
builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
builder.UseOrleans(silo =>
{
    silo.AddRecognizerSilo(builder.Configuration);
    // Inside Kubernetes the pod's name, IP and labels define the silo, and pods of dead silos are cleaned up.
    if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST"))) silo.UseKubernetesHosting();
});
builder.Services.AddRecognizerTelemetry(builder.Configuration, "mathcluster-silo");
builder.Services.AddSingleton<SiloReadiness>();

int healthPort = builder.Configuration.GetValue(ClusterConfiguration.HealthPortKey, 0);
if (healthPort > 0)
{
    // Probes come from wherever the silo is advertised to; a loopback silo keeps its health on loopback too.
    bool everyInterface = !string.IsNullOrWhiteSpace(builder.Configuration[ClusterConfiguration.AdvertisedAddressKey]);
    builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(everyInterface ? IPAddress.Any : IPAddress.Loopback, healthPort));
    builder.Services.AddHostedService<SiloStopsFirst>();
}
else
{
    builder.Services.AddSingleton<IServer, NoHttpServer>();
}

var app = builder.Build();
app.MapSiloHealth();
await app.RunAsync();
