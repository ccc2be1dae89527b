namespace MathCluster.Web.InferenceProtocol;

/// <summary>Bounds on one /v2 request, so no client can hold more than a fixed share of a server's memory or a silo's time.</summary>
public static class InferenceLimits
{
    /// <summary>Glyphs (the batch dimension N) one infer request may carry; larger batches are split by the client.</summary>
    public const int MaxGlyphs = 4096;

    /// <summary>Bytes one infer request body may have (64 MiB): MaxGlyphs FP32 glyphs are 12.8 MB as binary tensor data.</summary>
    public const int MaxBodyBytes = 64 * 1024 * 1024;

    /// <summary>
    /// Bytes of JSON one infer request may have (4 MiB: the whole body, or the header before binary tensor data): about
    /// 1,300 glyphs of short numbers or UINT8. Reading JSON costs several times what binary does, and a body of JSON is
    /// known to be wrong only once it has all been read, so large batches come as binary tensor data.
    /// </summary>
    public const int MaxJsonBytes = 4 * 1024 * 1024;

    /// <summary>How long metadata and version lookups wait for the cluster (long enough for a cold grain activation) before 503.</summary>
    public static readonly TimeSpan ClusterTimeout = TimeSpan.FromSeconds(10);
}
