using System.ComponentModel.DataAnnotations;

namespace MathCluster.Hosting.Options;

/// <summary>Tracing (section "Telemetry"); OTLP export follows the standard OTEL_EXPORTER_OTLP_ENDPOINT.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Share of new traces recorded; calls that arrive with a trace follow their caller's decision.</summary>
    [Range(0.0, 1.0)] public double TraceSampleRatio { get; set; } = 1.0;
}
