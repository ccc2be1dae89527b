namespace MathCluster.Cluster.Tests.Support;

/// <summary>
/// One request of the load: when it ran, and of its items (1 for /api/recognize and /v2 infer, one per image for
/// /api/batch) how many failed (an error status, or a line that never came) and how many came back different from
/// the answer the same input got before any silo was touched.
/// </summary>
public sealed record RequestOutcome(string Route, DateTime Started, DateTime Ended, int Items, int Failed, int Wrong, string? Error)
{
    public TimeSpan Latency => Ended - Started;
    public bool Ok => Failed == 0 && Wrong == 0;
}
