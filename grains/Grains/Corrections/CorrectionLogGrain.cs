using MathCluster.Grains.Storage;
using MathCluster.Recognition.Classification;
using Microsoft.Extensions.Options;

namespace MathCluster.Grains.Corrections;

/// <summary>
/// The correction log: samples go to the newest segment grain first, then the index here is written. A silo that dies
/// between the two leaves the index as it was; the caller's retry (same request id) finds the samples already in the
/// segment and only writes the index, so nothing is lost or stored twice.
/// </summary>
public sealed class CorrectionLogGrain(
    [PersistentState("log", GrainStorageNames.Models)] IPersistentState<CorrectionLogState> state,
    IOptions<CorrectionOptions> options) : Grain, ICorrectionLogGrain
{
    // Far more than the appends a client could still be retrying.
    private const int RememberedRequests = 4096;

    public async Task<CorrectionAppendResult> Append(string requestId, IReadOnlyList<CorrectionSample> samples)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        var log = state.State;
        if (log.Recent.FirstOrDefault(r => r.RequestId == requestId) is { } earlier)
            return new CorrectionAppendResult(earlier.Stored, Repeated: true, Total(log));
        if (samples.Count > 0)
        {
            var segment = log.Segments.LastOrDefault();
            if (segment is null || segment.Count >= Math.Max(1, options.Value.SegmentSize))
            {
                segment = new CorrectionSegmentInfo { Key = log.NextSegment.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                log.NextSegment++;
                log.Segments.Add(segment);
            }
            await GrainFactory.GetGrain<ICorrectionSegmentGrain>(segment.Key).Append(requestId, samples);
            segment.Count += samples.Count;
            foreach (var sample in samples)
            {
                Increment(segment.ByLabel, LabelOf(sample.Label), 1);
                Increment(segment.ByModelVersion, sample.ModelVersion, 1);
            }
        }
        log.Recent.Add(new CorrectionRequestRecord(requestId, samples.Count));
        if (log.Recent.Count > RememberedRequests) log.Recent.RemoveRange(0, log.Recent.Count - RememberedRequests);
        var evicted = new List<CorrectionSegmentInfo>();
        while (Total(log) > options.Value.MaxCount && log.Segments.Count > 1)
        {
            evicted.Add(log.Segments[0]);
            log.Evicted += log.Segments[0].Count;
            log.Segments.RemoveAt(0);
        }
        await state.WriteStateAsync();
        // The index no longer names them; clearing their storage afterwards only frees space.
        foreach (var segment in evicted)
        {
            await GrainFactory.GetGrain<ICorrectionSegmentGrain>(segment.Key).Clear();
            CorrectionTelemetry.Evicted.Add(segment.Count);
        }
        foreach (var sample in samples)
            CorrectionTelemetry.Stored.Add(1, new(CorrectionTelemetry.LabelTag, LabelOf(sample.Label)), new(CorrectionTelemetry.ModelVersionTag, sample.ModelVersion));
        return new CorrectionAppendResult(samples.Count, Repeated: false, Total(log));
    }

    public Task<CorrectionTotals> GetTotals()
    {
        var log = state.State;
        var byLabel = new Dictionary<string, int>();
        var byVersion = new Dictionary<string, int>();
        foreach (var segment in log.Segments)
        {
            foreach (var (label, n) in segment.ByLabel) Increment(byLabel, label, n);
            foreach (var (version, n) in segment.ByModelVersion) Increment(byVersion, version, n);
        }
        return Task.FromResult(new CorrectionTotals(Total(log), byLabel, byVersion, log.Evicted, options.Value.MaxCount));
    }

    public Task<IReadOnlyList<string>> GetSegments() => Task.FromResult<IReadOnlyList<string>>(state.State.Segments.Select(s => s.Key).ToList());

    public async Task<int> Clear()
    {
        var log = state.State;
        int total = Total(log);
        foreach (var segment in log.Segments) await GrainFactory.GetGrain<ICorrectionSegmentGrain>(segment.Key).Clear();
        log.Segments.Clear();
        log.Recent.Clear();
        await state.WriteStateAsync();
        return total;
    }

    private static int Total(CorrectionLogState log) => log.Segments.Sum(s => s.Count);

    private static string LabelOf(int label) => label >= 0 && label < SymbolClasses.Count ? SymbolClasses.All[label] : label.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void Increment(Dictionary<string, int> counts, string key, int by) => counts[key] = counts.GetValueOrDefault(key) + by;
}
