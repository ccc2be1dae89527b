using System.ComponentModel.DataAnnotations;

namespace MathCluster.Grains.Corrections;

/// <summary>Configuration section "Corrections".</summary>
public sealed class CorrectionOptions
{
    public const string Section = "Corrections";

    /// <summary>At most this many corrections are kept; beyond it the oldest segment is evicted.</summary>
    [Range(1, 10_000_000)]
    public int MaxCount { get; set; } = 10_000;

    /// <summary>Samples per storage segment: each append rewrites one segment, not the whole log.</summary>
    [Range(1, 65_536)]
    public int SegmentSize { get; set; } = 256;
}
