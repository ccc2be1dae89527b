namespace MathCluster.Grains.Corrections;

/// <summary>The correction log's index: its segments (oldest first), totals, and the recent request ids.</summary>
[GenerateSerializer, Alias("MathCluster.CorrectionLogState")]
public sealed class CorrectionLogState
{
    [Id(0)] public List<CorrectionSegmentInfo> Segments { get; set; } = [];
    /// <summary>Never reused, even after a clear, so an old segment's key never names new samples.</summary>
    [Id(1)] public long NextSegment { get; set; }
    [Id(2)] public long Evicted { get; set; }
    /// <summary>Request ids already appended (bounded, oldest first) and what each stored.</summary>
    [Id(3)] public List<CorrectionRequestRecord> Recent { get; set; } = [];
}

[GenerateSerializer, Alias("MathCluster.CorrectionSegmentInfo")]
public sealed class CorrectionSegmentInfo
{
    [Id(0)] public string Key { get; set; } = "";
    [Id(1)] public int Count { get; set; }
    [Id(2)] public Dictionary<string, int> ByLabel { get; set; } = [];
    [Id(3)] public Dictionary<string, int> ByModelVersion { get; set; } = [];
}

[GenerateSerializer, Alias("MathCluster.CorrectionRequestRecord")]
public sealed record CorrectionRequestRecord([property: Id(0)] string RequestId, [property: Id(1)] int Stored);

[GenerateSerializer, Alias("MathCluster.CorrectionSegmentState")]
public sealed class CorrectionSegmentState
{
    [Id(0)] public List<CorrectionSample> Samples { get; set; } = [];
    [Id(1)] public List<string> RequestIds { get; set; } = [];
}
