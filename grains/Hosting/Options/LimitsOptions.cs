using System.ComponentModel.DataAnnotations;

namespace MathCluster.Hosting.Options;

/// <summary>
/// What one request may cost and how many may run (section "Limits"): every input's worst case is a small multiple
/// of its legitimate size, and work beyond what the cores can do waits briefly, then gets 429.
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Pixels (width x height) a canvas may have; the page sends well under 2 MP.</summary>
    [Range(1, 16L * 1024 * 1024)] public long MaxCanvasPixels { get; set; } = 4L * 1024 * 1024;

    /// <summary>Canvases recognised at once per web process (0: twice the cores).</summary>
    [Range(0, 1024)] public int CanvasConcurrency { get; set; }

    /// <summary>Canvas requests that may wait for a slot; beyond that, 429.</summary>
    [Range(0, 10000)] public int CanvasQueue { get; set; } = 32;

    /// <summary>Requests per second each client (address, or admin token) may make on average; 0 (default) sets no per-client limit.</summary>
    [Range(0, 1_000_000)] public int ClientRequestsPerSecond { get; set; }

    /// <summary>How many requests a client may make in a burst above its rate.</summary>
    [Range(1, 1_000_000)] public int ClientBurst { get; set; } = 200;

    /// <summary>Wrong admin tokens a client may present per minute before it gets 429.</summary>
    [Range(1, 10000)] public int WrongTokensPerMinute { get; set; } = 10;

    public int EffectiveCanvasConcurrency => CanvasConcurrency > 0 ? CanvasConcurrency : 2 * Environment.ProcessorCount;
}
