using MathCluster.Grains.Corrections;
using MathCluster.Grains.Tests.Support;
using MathCluster.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace MathCluster.Grains.Tests;

/// <summary>
/// The correction log on a real three-silo test cluster with file grain storage: the bound and its evictions,
/// idempotent appends, and a silo killed under concurrent writes (nothing lost, nothing stored twice).
/// </summary>
public sealed class CorrectionLogTests : IAsyncLifetime
{
    private const int MaxCount = 40, SegmentSize = 8;
    private readonly string _state = Directory.CreateTempSubdirectory("mathcluster-corrections-").FullName;
    private readonly TestCluster _cluster;

    public CorrectionLogTests()
    {
        var builder = new TestClusterBuilder(3).AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.Properties[FileModelStorage.DirectoryKey] = _state;
        _cluster = builder.Build();
    }

    private ICorrectionLogGrain Log => _cluster.GrainFactory.GetGrain<ICorrectionLogGrain>(CorrectionKeys.Cluster);

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }

    private static CorrectionSample Sample(int label, string marker) =>
        new(new byte[28 * 28], [], label, marker, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Append_BeyondTheBound_EvictsAndCountsTheOldestSegments()
    {
        for (int r = 0; r < 20; r++)
            await Log.Append($"r{r}", [Sample(r % 10, $"m{r}-0"), Sample(r % 10, $"m{r}-1"), Sample(r % 10, $"m{r}-2")]);
        var totals = await Log.GetTotals();
        Assert.InRange(totals.Total, MaxCount - SegmentSize - 3, MaxCount);
        Assert.Equal(60, totals.Total + totals.Evicted);
        Assert.Equal(totals.Total, totals.ByModelVersion.Values.Sum());
        var kept = await SamplesAsync();
        Assert.Equal(totals.Total, kept.Count);
        // The newest survive: the last request's samples are all there.
        Assert.Contains(kept, s => s.ModelVersion == "m19-2");
        Assert.DoesNotContain(kept, s => s.ModelVersion == "m0-0");
    }

    [Fact]
    public async Task Append_RepeatedRequestId_StoresOnce()
    {
        var first = await Log.Append("same", [Sample(3, "a"), Sample(4, "b")]);
        var again = await Log.Append("same", [Sample(3, "a"), Sample(4, "b")]);
        Assert.False(first.Repeated);
        Assert.True(again.Repeated);
        Assert.Equal(2, again.Stored);
        Assert.Equal(2, (await Log.GetTotals()).Total);
        Assert.Equal(2, await Log.Clear());
        Assert.Equal(0, (await Log.GetTotals()).Total);
    }

    [Fact]
    public async Task Append_SiloKilledUnderWrites_LosesAndDuplicatesNothing()
    {
        const int Requests = 18; // 36 samples: within the bound, so every one must be there
        await Log.GetTotals();
        var management = _cluster.GrainFactory.GetGrain<IManagementGrain>(0);
        var logId = Log.GetGrainId();
        var logSilo = (await management.GetDetailedGrainStatistics()).FirstOrDefault(s => s.GrainId.Equals(logId))?.SiloAddress;
        // The silo that holds the log, unless that is the primary (it hosts the test cluster's membership).
        var victim = _cluster.SecondarySilos.FirstOrDefault(s => s.SiloAddress.Equals(logSilo)) ?? _cluster.SecondarySilos[0];

        int next = 0;
        var killed = new TaskCompletionSource();
        async Task Writer()
        {
            int r;
            while ((r = Interlocked.Increment(ref next)) <= Requests)
            {
                if (r == Requests / 3) killed.TrySetResult();
                // As the web app does: a call a silo failure broke is repeated with the same request id.
                for (int attempt = 0; ; attempt++)
                {
                    try
                    {
                        await Log.Append($"req-{r}", [Sample(r % 10, $"w{r}-0"), Sample(r % 10, $"w{r}-1")]);
                        break;
                    }
                    catch (Exception e) when (attempt < 30 && e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or OrleansException)
                    {
                        await Task.Delay(200);
                    }
                }
            }
        }
        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(Writer)).ToList();
        await killed.Task;
        await _cluster.KillSiloAsync(victim);
        await Task.WhenAll(writers);

        var totals = await Log.GetTotals();
        Assert.Equal(2 * Requests, totals.Total);
        var markers = (await SamplesAsync()).Select(s => s.ModelVersion).ToList();
        Assert.Equal(2 * Requests, markers.Distinct().Count());
        Assert.Equal(markers.Count, markers.Distinct().Count());
    }

    private async Task<List<CorrectionSample>> SamplesAsync()
    {
        var samples = new List<CorrectionSample>();
        foreach (var segment in await Log.GetSegments())
            samples.AddRange(await _cluster.GrainFactory.GetGrain<ICorrectionSegmentGrain>(segment).GetSamples());
        return samples;
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddFileModelStorage().AddRecognizerServices();
            siloBuilder.Services.Configure<CorrectionOptions>(o => (o.MaxCount, o.SegmentSize) = (MaxCount, SegmentSize));
        }
    }
}
