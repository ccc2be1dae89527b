using System.ComponentModel.DataAnnotations;

namespace MathCluster.Hosting.Options;

/// <summary>
/// When a silo's gateway refuses new client calls (section "LoadShedding", applied to Orleans' LoadSheddingOptions):
/// past its CPU or memory threshold a silo answers "too busy" at once instead of queueing work it cannot finish, or
/// growing until its memory limit kills it. The web app answers such calls 503 with Retry-After and never repeats them.
/// </summary>
public sealed class LoadSheddingOptions
{
    public const string Section = "LoadShedding";

    public bool Enabled { get; set; } = true;

    /// <summary>The silo process's CPU use, in % of the machine (smoothed), past which it sheds.</summary>
    [Range(1, 100)] public int CpuThreshold { get; set; } = 95;

    /// <summary>The silo process's memory, in % of what it may use (the container limit, if any), past which it sheds.</summary>
    [Range(1, 100)] public int MemoryThreshold { get; set; } = 90;
}
