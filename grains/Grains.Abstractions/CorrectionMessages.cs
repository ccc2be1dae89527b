namespace MathCluster.Grains;

/// <summary>
/// The users' corrections (use key <see cref="CorrectionKeys.Cluster"/>): an append-only log in grain storage, bounded
/// by Corrections:MaxCount (the oldest segment is evicted first). Appends are idempotent by request id, so a call
/// repeated after a silo died mid-write stores its samples once.
/// </summary>
[Alias("MathCluster.ICorrectionLogGrain")]
public interface ICorrectionLogGrain : IGrainWithStringKey
{
    [Alias("Append")]
    Task<CorrectionAppendResult> Append(string requestId, IReadOnlyList<CorrectionSample> samples);

    [Orleans.Concurrency.AlwaysInterleave, Alias("GetTotals")]
    Task<CorrectionTotals> GetTotals();

    /// <summary>Segment keys, oldest first; each holds its samples in an <see cref="ICorrectionSegmentGrain"/>.</summary>
    [Orleans.Concurrency.AlwaysInterleave, Alias("GetSegments")]
    Task<IReadOnlyList<string>> GetSegments();

    /// <summary>Deletes every stored correction; returns how many there were.</summary>
    [Alias("Clear")]
    Task<int> Clear();
}

/// <summary>One segment of the correction log (key: its number); written only by the log grain.</summary>
[Alias("MathCluster.ICorrectionSegmentGrain")]
public interface ICorrectionSegmentGrain : IGrainWithStringKey
{
    /// <summary>Appends unless <paramref name="requestId"/> is already in this segment; returns whether it is stored now.</summary>
    [Alias("Append")]
    Task<bool> Append(string requestId, IReadOnlyList<CorrectionSample> samples);

    [Alias("GetSamples")]
    Task<IReadOnlyList<CorrectionSample>> GetSamples();

    [Alias("Clear")]
    Task Clear();
}

public static class CorrectionKeys
{
    public const string Cluster = "cluster";
}

/// <summary>
/// One corrected symbol: the normalised 28x28 glyph (ink 255 on 0), the original crop as PNG, the class code the
/// user chose, the model version that misread it and when.
/// </summary>
[GenerateSerializer, Immutable, Alias("MathCluster.CorrectionSample")]
public sealed record CorrectionSample(
    [property: Id(0)] byte[] Glyph,
    [property: Id(1)] byte[] CropPng,
    [property: Id(2)] int Label,
    [property: Id(3)] string ModelVersion,
    [property: Id(4)] DateTimeOffset CorrectedAt);

[GenerateSerializer, Immutable, Alias("MathCluster.CorrectionAppendResult")]
public sealed record CorrectionAppendResult(
    [property: Id(0)] int Stored,
    [property: Id(1)] bool Repeated,
    [property: Id(2)] int Total);

/// <summary>Stored corrections per class label and per model version, and how many the bound evicted.</summary>
[GenerateSerializer, Immutable, Alias("MathCluster.CorrectionTotals")]
public sealed record CorrectionTotals(
    [property: Id(0)] int Total,
    [property: Id(1)] IReadOnlyDictionary<string, int> ByLabel,
    [property: Id(2)] IReadOnlyDictionary<string, int> ByModelVersion,
    [property: Id(3)] long Evicted,
    [property: Id(4)] int MaxCount);
