using MathCluster.Cluster.Tests.Support;
using MathCluster.TestSupport;
using Xunit.Abstractions;

namespace MathCluster.Cluster.Tests;

/// <summary>
/// Three real silo processes and the web app under load; one silo is SIGKILLed mid-run. Every request must still
/// get a complete, correct answer, the cluster must converge to two silos, and a silo that joins must get work.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class SiloFailureTests(LocalCluster cluster, ITestOutputHelper output) : IClassFixture<LocalCluster>
{
    private static readonly TimeSpan Convergence = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public Task SiloKill_UnderLoad_CostsNoRequestAndANewSiloGetsWork() => cluster.RunAsync(output, RunAsync);

    private async Task RunAsync()
    {
        using var workload = await Workload.PrepareAsync(cluster.Web.Address);
        using var stop = new CancellationTokenSource();
        var run = workload.RunAsync(recognizeClients: 4, batchClients: 2, inferClients: 1, stop.Token);
        try
        {
            await Eventually.AssertAsync(() => Task.FromResult(workload.Completed >= 40), Convergence, "the load is running");

            var victim = cluster.Silos[1];
            var killedAt = DateTime.UtcNow;
            await victim.Process.KillAsync();
            await Eventually.AssertAsync(async () => (await cluster.ActiveSilosAsync())?.Count == 2, Convergence, "membership lists two active silos");
            var convergedAt = DateTime.UtcNow;
            output.WriteLine($"Two active silos {(convergedAt - killedAt).TotalSeconds:F1} s after the SIGKILL");
            int afterConvergence = workload.Completed;
            await Eventually.AssertAsync(() => Task.FromResult(workload.Completed >= afterConvergence + 60), Convergence, "the load goes on with two silos");

            var startingAt = DateTime.UtcNow;
            var newcomer = cluster.StartSilo();
            await newcomer.WaitReadyAsync(LocalCluster.StartTimeout);
            var address = await cluster.AddressOfAsync(newcomer) ?? throw new InvalidOperationException("The new silo is ready but not listed as active.");
            var joinedAt = DateTime.UtcNow;
            await Eventually.AssertAsync(async () => await cluster.RecognizerActivationsAsync(address) > 0, Convergence, "the new silo receives recognizer calls");
            var servingAt = DateTime.UtcNow;
            int beforeStop = workload.Completed;
            await Eventually.AssertAsync(() => Task.FromResult(workload.Completed >= beforeStop + 30), Convergence, "the load goes on with three silos");
            await stop.CancelAsync();
            var outcomes = await run;

            var summary = new LoadSummary(outcomes);
            var duringKill = summary.During(killedAt, convergedAt);
            var retries = await cluster.Web.RetriesAsync();
            output.WriteLine(summary.Describe("Whole run"));
            output.WriteLine(duringKill.Describe($"From the SIGKILL to two active silos ({(convergedAt - killedAt).TotalSeconds:F1} s)"));
            output.WriteLine($"Retried grain calls: {retries.Values.Sum()} ({string.Join(", ", retries.Select(r => $"{r.Key} {r.Value}"))})");
            output.WriteLine($"New silo {address}: Active {(joinedAt - startingAt).TotalSeconds:F1} s after its process started (under load), " +
                             $"serving {(servingAt - joinedAt).TotalSeconds:F1} s after it was Active, {await cluster.RecognizerActivationsAsync(address)} recognizer activations");
            foreach (var error in summary.Errors.Take(10)) output.WriteLine("  " + error);

            Assert.Equal(0, summary.FailedItems);
            Assert.Equal(0, summary.WrongItems);
            Assert.True(duringKill.Requests > 0, "some requests ran while the silo was dead");
            Assert.Equal(3, (await cluster.ActiveSilosAsync())?.Count);
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }
    }
}
