using System.ComponentModel.DataAnnotations;

namespace MathCluster.Hosting.Options;

/// <summary>
/// What one request may cost and how many may run (section "Limits"): every input's worst case is a small multiple
/// of its legitimate size, and work beyond what the cores can do waits briefly, then gets 429.
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Pixels (width x height) a PNG canvas may have (2 MP): the page's canvases are far smaller, and a hostile one costs in proportion to its area.</summary>
    [Range(1, 16L * 1024 * 1024)] public long MaxCanvasPixels { get; set; } = 2L * 1024 * 1024;

    /// <summary>Canvases recognised at once per web process (0: twice the cores).</summary>
    [Range(0, 1024)] public int CanvasConcurrency { get; set; }

    /// <summary>Canvas requests that may wait for a slot; beyond that, 429.</summary>
    [Range(0, 10000)] public int CanvasQueue { get; set; } = 32;

    /// <summary>Heavy canvas work (a large PNG, stroke, multipart or /v2 body) running at once per web process; each also takes a canvas slot.</summary>
    [Range(1, 1024)] public int HeavyConcurrency { get; set; } = 1;

    /// <summary>Heavy requests that may wait for the heavy lane; beyond that, 429 at once.</summary>
    [Range(0, 1024)] public int HeavyQueue { get; set; }

    /// <summary>A PNG canvas whose header claims more pixels than this is heavy work (the drawing page's canvases are well under).</summary>
    [Range(1, 16L * 1024 * 1024)] public long HeavyCanvasPixels { get; set; } = 1024 * 1024;

    /// <summary>Stroke JSON or a multipart canvas body (batch, corrections) larger than this, or of unknown length, is heavy work.</summary>
    [Range(1, 64L * 1024 * 1024)] public long HeavyBodyBytes { get; set; } = 128 * 1024;

    /// <summary>
    /// A /v2 infer body larger than this, or of unknown length, is heavy work (a 256-glyph batch is about 0.8 MB binary
    /// and 0.6–2 MB JSON). JSON costs several times binary to read: at 4 MiB, two clients sending the largest JSON kept
    /// the real canvases' p99 at 386 ms under the hostile benchmark; at 2 MiB it was 79 ms.
    /// </summary>
    [Range(1, 64L * 1024 * 1024)] public long HeavyTensorBodyBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Requests per second each client (address, or admin token) may make on average; 0 (default) sets no per-client limit.</summary>
    [Range(0, 1_000_000)] public int ClientRequestsPerSecond { get; set; }

    /// <summary>How many requests a client may make in a burst above its rate.</summary>
    [Range(1, 1_000_000)] public int ClientBurst { get; set; } = 200;

    /// <summary>Wrong admin tokens a client may present per minute before it gets 429.</summary>
    [Range(1, 10000)] public int WrongTokensPerMinute { get; set; } = 10;

    public int EffectiveCanvasConcurrency => CanvasConcurrency > 0 ? CanvasConcurrency : 2 * Environment.ProcessorCount;
}
