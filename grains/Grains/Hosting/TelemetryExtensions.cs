using MathCluster.Recognition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MathCluster.Grains.Hosting;

/// <summary>
/// Traces, metrics and logs for every process of the cluster: the recognizer's own source and meter, Orleans'
/// application calls (not Microsoft.Orleans.Runtime, which floods traces with the cluster's own management calls)
/// and the runtime. OTLP export follows the standard OTEL_EXPORTER_OTLP_ENDPOINT and is off when it is unset.
/// </summary>
public static class TelemetryExtensions
{
    public const string OrleansApplicationSource = "Microsoft.Orleans.Application";
    public const string OrleansMeter = "Microsoft.Orleans";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    /// <summary>Share of new traces recorded (0-1); calls that arrive with a trace follow their caller's decision.</summary>
    public const string TraceSampleRatioKey = "Telemetry:TraceSampleRatio";
    public const double DefaultTraceSampleRatio = 1.0;

    public static OpenTelemetryBuilder AddRecognizerTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        bool otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);
        double ratio = Math.Clamp(configuration.GetValue(TraceSampleRatioKey, DefaultTraceSampleRatio), 0, 1);
        return services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(RecognitionTelemetry.Name, OrleansApplicationSource)
                    .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio)));
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
