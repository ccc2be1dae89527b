using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;

namespace MathCluster.Web.Tests.Support;

/// <summary>A test host whose finished spans land in <paramref name="spans"/> (lock it to read).</summary>
public sealed class TracedWebFactory(List<Activity> spans) : MathWebFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
    }
}

/// <summary>Reads the Prometheus text exposition of /metrics.</summary>
public static class PrometheusText
{
    /// <summary>Sums the samples of a metric whose labels contain every filter ("name{labels} value [timestamp]").</summary>
    public static double Sum(string exposition, string metric, params string[] filters) =>
        exposition.Split('\n')
            .Where(l => l.StartsWith(metric + "{") || l.StartsWith(metric + " "))
            .Where(l => filters.All(l.Contains))
            .Sum(l => double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
}
