using System.ComponentModel.DataAnnotations;

namespace MathCluster.Grains.Models;

/// <summary>Dynamic batching per silo (configuration section "Batching"), as Triton does it.</summary>
public sealed class BatchingOptions
{
    public const string Section = "Batching";

    /// <summary>Glyphs per ONNX run at most; a larger request is split into runs of this size, which the workers share.</summary>
    [Range(1, 4096)] public int MaxBatchSize { get; set; } = 64;

    /// <summary>
    /// How long the first queued request waits for others to join its batch. Zero, as in Triton: while the workers
    /// are busy, requests queue up and the next run takes them all, so load forms batches without adding latency.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")] public TimeSpan MaxQueueDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Concurrent ONNX runs per session (each single-threaded).</summary>
    [Range(1, 256)] public int Workers { get; set; } = Environment.ProcessorCount;
}
