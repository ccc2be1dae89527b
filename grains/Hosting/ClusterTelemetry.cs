using MathCluster.Hosting.Options;
using MathCluster.Recognition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MathCluster.Hosting;

/// <summary>
/// Traces, metrics and logs for every process of the cluster: the recognizer's own source and meter, Orleans'
/// application calls (not Microsoft.Orleans.Runtime, which floods traces with the cluster's own management calls)
/// and the runtime. OTLP export follows the standard OTEL_EXPORTER_OTLP_ENDPOINT and is off when it is unset.
/// </summary>
public static class ClusterTelemetry
{
    public const string OrleansApplicationSource = "Microsoft.Orleans.Application";
    public const string OrleansMeter = "Microsoft.Orleans";

    public static OpenTelemetryBuilder AddClusterTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var telemetry = builder.Configuration.ReadValidated<TelemetryOptions>(TelemetryOptions.Section);
        // The exporters are chosen while the host is built; the endpoint itself is read by the exporter.
        bool otlp = !string.IsNullOrWhiteSpace(builder.Configuration.GetSection(TelemetryOptions.OtlpEndpointKey).Value);
        builder.Services.Configure<LoggerFactoryOptions>(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        return builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(RecognitionTelemetry.Name, OrleansApplicationSource)
                    .SetSampler(new UnobservedWorkSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(telemetry.TraceSampleRatio))));
                if (otlp) tracing.AddOtlpExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(RecognitionTelemetry.Name, OrleansMeter).AddRuntimeInstrumentation();
                if (otlp) metrics.AddOtlpExporter();
            })
            .WithLogging(logging =>
            {
                if (otlp) logging.AddOtlpExporter();
            });
    }
}
