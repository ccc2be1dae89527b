using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MathCluster.Grains.Hosting;

// A recognizer silo. Localhost clustering by default (a one-silo dev cluster, or several on one machine with
// distinct Cluster:SiloPort / Cluster:GatewayPort and a shared Cluster:PrimarySiloPort); Redis clustering with
// Cluster:Clustering=Redis and ConnectionStrings:Redis. SIGTERM stops the silo gracefully.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
builder.UseOrleans(silo => silo.AddRecognizerSilo(builder.Configuration));
builder.Services.AddRecognizerTelemetry(builder.Configuration, "mathcluster-silo");
builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

using var host = builder.Build();
await host.RunAsync();
