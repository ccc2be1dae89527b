using System.Net;
using MathCluster.Hosting;
using MathCluster.Hosting.Health;
using MathCluster.Hosting.Options;
using MathCluster.Silo.Health;
using Microsoft.Extensions.Logging.Console;

// A recognizer silo. Localhost clustering by default (a one-silo dev cluster, or several on one machine with
// distinct Cluster:SiloPort / Cluster:GatewayPort and a shared Cluster:PrimarySiloPort); Redis clustering with
// Cluster:Clustering=Redis and ConnectionStrings:Redis. Cluster:HealthPort > 0 serves /healthz and /readyz; without
// it the silo is a plain host that opens no HTTP port at all.
// SIGTERM stops the silo gracefully: it leaves the cluster, stops taking calls and finishes the ones it holds.
var settings = new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory };
var plain = Host.CreateApplicationBuilder(settings);
var cluster = plain.Configuration.ReadValidated<ClusterOptions>(ClusterOptions.Section);

if (cluster.HealthPort == 0)
{
    Configure(plain);
    await plain.Build().RunAsync();
    return;
}

var web = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
Configure(web);
// Probes come from wherever the silo is advertised to; a loopback silo keeps its health on loopback too.
web.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(cluster.ListensOnEveryInterface ? IPAddress.Any : IPAddress.Loopback, cluster.HealthPort));
web.Services.AddHostedService<SiloStopsFirst>();
var app = web.Build();
app.MapClusterHealth();
await app.RunAsync();

static void Configure(IHostApplicationBuilder builder)
{
    builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
    // The slim builder pins the simple console formatter; appsettings choose JSON, as the full host would honour.
    builder.Services.Configure<ConsoleLoggerOptions>(builder.Configuration.GetSection("Logging:Console"));
    builder.AddClusterDefaults("mathcluster-silo");
    builder.Services.AddHealthChecks().AddSiloReadiness();
    builder.UseOrleans(silo =>
    {
        silo.AddRecognizerSilo(builder.Configuration);
        // Inside Kubernetes the pod's name, IP and labels define the silo, and pods of dead silos are cleaned up.
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST"))) silo.UseKubernetesHosting();
    });
}
