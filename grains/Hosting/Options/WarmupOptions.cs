using System.ComponentModel.DataAnnotations;

namespace MathCluster.Hosting.Options;

/// <summary>How a web process warms its request path before it turns ready (section "Warmup").</summary>
public sealed class WarmupOptions
{
    public const string Section = "Warmup";

    /// <summary>
    /// Requests the process sends itself over loopback before readiness (canvases as PNG and strokes, a batch, /v2
    /// tensors); 0 turns ready without them. 300 brought the first 5 s after readiness to 95 % of the warm rate.
    /// </summary>
    [Range(0, 100_000)] public int Requests { get; set; } = 400;

    /// <summary>How many of them are in flight at once, so the batcher and the grain's workers see concurrent calls.</summary>
    [Range(1, 64)] public int Concurrency { get; set; } = 4;

    /// <summary>Readiness waits at most this long for the warm-up; a slow warm-up then only costs speed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")] public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
