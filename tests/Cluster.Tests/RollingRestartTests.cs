using MathCluster.Cluster.Tests.Support;
using MathCluster.TestSupport;
using Xunit.Abstractions;

namespace MathCluster.Cluster.Tests;

/// <summary>
/// Every silo is replaced in turn under continuous load: SIGTERM (a graceful stop: it leaves the cluster and
/// finishes what it holds), then a replacement joins. Not one request may fail.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class RollingRestartTests(LocalCluster cluster, ITestOutputHelper output) : IClassFixture<LocalCluster>
{
    private static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan Progress = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public Task RollingRestart_EverySiloUnderLoad_FailsNoRequest() => cluster.RunAsync(output, RunAsync);

    private async Task RunAsync()
    {
        using var workload = await Workload.PrepareAsync(cluster.Web.Address);
        using var stop = new CancellationTokenSource();
        var run = workload.RunAsync(recognizeClients: 4, batchClients: 2, inferClients: 1, stop.Token);
        try
        {
            await Eventually.AssertAsync(() => Task.FromResult(workload.Completed >= 40), Progress, "the load is running");
            var originals = cluster.Silos.ToList();
            var startedAt = DateTime.UtcNow;
            foreach (var old in originals)
            {
                var clock = DateTime.UtcNow;
                Assert.True(await old.Process.TerminateAsync(GracefulStop), $"{old.Name} did not stop within {GracefulStop.TotalSeconds:F0} s of SIGTERM");
                var stoppedIn = DateTime.UtcNow - clock;
                var replacement = cluster.StartSilo();
                await replacement.WaitReadyAsync(LocalCluster.StartTimeout);
                await Eventually.AssertAsync(async () => (await cluster.ActiveSilosAsync())?.Count == 3, Progress, "three active silos again");
                output.WriteLine($"{old.Name} stopped gracefully in {stoppedIn.TotalSeconds:F1} s; {replacement.Name} active {(DateTime.UtcNow - clock).TotalSeconds:F1} s after the SIGTERM");
                int done = workload.Completed;
                await Eventually.AssertAsync(() => Task.FromResult(workload.Completed >= done + 30), Progress, "the load goes on");
            }
            var finishedAt = DateTime.UtcNow;
            await stop.CancelAsync();
            var summary = new LoadSummary(await run);
            var retries = await cluster.Web.RetriesAsync();
            output.WriteLine(summary.Describe("Whole run"));
            output.WriteLine(summary.During(startedAt, finishedAt).Describe($"During the rolling restart ({(finishedAt - startedAt).TotalSeconds:F0} s)"));
            output.WriteLine($"Retried grain calls: {retries.Values.Sum()} ({string.Join(", ", retries.Select(r => $"{r.Key} {r.Value}"))})");
            foreach (var error in summary.Errors.Take(10)) output.WriteLine("  " + error);

            Assert.Equal(0, summary.FailedRequests);
            Assert.Equal(0, summary.FailedItems);
            Assert.Equal(0, summary.WrongItems);
            var active = await cluster.ActiveSilosAsync();
            Assert.NotNull(active);
            Assert.DoesNotContain(active, a => originals.Any(o => o.SiloPort == a.Endpoint.Port));
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }
    }
}
