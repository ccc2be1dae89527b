using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;
using MathCluster.Recognition.Classification;
using MathCluster.TestSupport;
using MathCluster.Web.Tests.Support;
using static MathCluster.Web.Tests.Support.InferenceBodies;

namespace MathCluster.Web.Tests;

/// <summary>
/// Hot swap on a running app: continuous load on /api/recognize and /v2 infer while versions are activated and
/// rolled back must not fail a single request, and old sessions must be disposed. Runs alone (latencies are reported).
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class HotSwapTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int ClientsPerEndpoint = 4;
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(10);
    private readonly RecognizeApiFixture _app = new();

    private HttpClient Client => _app.Client;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        foreach (var version in new[] { "v-b", "v-c" })
        {
            var model = ModelVariants.Relabelled(version);
            await Client.SendAsync(ModelAdmin.Upload(model, ModelVariants.CardFor(model, version)), HttpStatusCode.Created);
        }
    }

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task ActivateAndRollback_UnderLoad_FailNoRequest()
    {
        var samples = new ConcurrentQueue<Sample>();
        var progress = new Progress();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var png = new CanvasSketch().Write("12+7").ToPng();
        var glyphs = DrawnGlyphs("12+7");
        var clients = Enumerable.Range(0, ClientsPerEndpoint)
            .SelectMany(_ => new[]
            {
                LoadAsync("recognize", () => RecognizeAsync(png), samples, progress, clock, stop.Token),
                LoadAsync("v2", () => InferAsync(glyphs), samples, progress, clock, stop.Token),
            })
            .ToList();

        var swaps = new List<Swap>();
        foreach (var (action, expected) in new[] { ("activate v-b", "v-b"), ("activate v-c", "v-c"), ("rollback", "v-b") })
        {
            await progress.ReachedAsync(samples.Count + 100);
            double started = clock.Elapsed.TotalMilliseconds;
            var answer = await Client.SendAsync(action == "rollback" ? ModelAdmin.Rollback() : ModelAdmin.Activate(expected), HttpStatusCode.OK);
            swaps.Add(new Swap(action, expected, started, clock.Elapsed.TotalMilliseconds, answer.GetProperty("elapsedMilliseconds").GetDouble()));
            Assert.Equal("Complete", answer.GetProperty("status").GetString());
        }
        await progress.ReachedAsync(samples.Count + 100);
        stop.CancelAfter(LoadDuration - clock.Elapsed > TimeSpan.Zero ? LoadDuration - clock.Elapsed : TimeSpan.Zero);
        await Task.WhenAll(clients);

        var all = samples.ToList();
        Report(all, swaps);
        Assert.All(all, s => Assert.True(s.Status == 200, $"{s.Endpoint} at {s.Start:F0} ms answered {s.Status}: {s.Error}"));
        Assert.All(all, s => Assert.False(string.IsNullOrEmpty(s.Version), $"{s.Endpoint} at {s.Start:F0} ms named no model version"));
        for (int i = 0; i < swaps.Count; i++)
        {
            var swap = swaps[i];
            double until = i + 1 < swaps.Count ? swaps[i + 1].Started : double.MaxValue;
            var after = all.Where(s => s.Start > swap.Returned && s.Start < until).ToList();
            // Served by this swap's version; only a request still running when the next swap began may have met that one.
            Assert.Contains(after, s => s.End < until);
            Assert.All(after, s => Assert.True(s.Version == swap.Version || swaps.Skip(i + 1).Any(next => next.Started < s.End && next.Version == s.Version),
                $"{s.Endpoint} started {s.Start - swap.Returned:F1} ms after '{swap.Action}' returned, but was served by {s.Version}"));
        }
        Assert.Contains(all, s => s.Version == DefaultModel.Card().Version);
    }

    [Fact]
    public async Task Activate_TwentySwaps_DoNotGrowMemory()
    {
        var png = new CanvasSketch().Write("7+4").ToPng();
        long sessionBefore = 0;
        long memoryAfterWarmUp = 0;
        for (int swap = 1; swap <= 20; swap++)
        {
            var version = swap % 2 == 1 ? "v-b" : "v-c";
            await Client.SendAsync(ModelAdmin.Activate(version), HttpStatusCode.OK);
            Assert.Equal(version, (await RecognizeAsync(png)).Version);
            // The previous session is disposed once drained: only the active one stays alive.
            Assert.True(await Eventually.TrueAsync(async () => (await SiloAsync()).GetProperty("sessionsAlive").GetInt32() == 1, TimeSpan.FromSeconds(10)),
                $"swap {swap}: old sessions were not disposed");
            if (swap == 5)
            {
                memoryAfterWarmUp = SettledMemory();
                sessionBefore = await CurrentSessionIdAsync();
            }
        }
        long growth = SettledMemory() - memoryAfterWarmUp;
        output.WriteLine($"Private memory after swap 5: {memoryAfterWarmUp / 1048576.0:F1} MiB; after swap 20: {(memoryAfterWarmUp + growth) / 1048576.0:F1} MiB (growth {growth / 1048576.0:F1} MiB)");
        // Session ids count the sessions this silo created: one per swap.
        Assert.Equal(15, await CurrentSessionIdAsync() - sessionBefore);
        // A leaked session (ONNX Runtime arena + weights + batcher) costs several MiB each; 15 leaks would be far over this.
        Assert.True(growth < 32L * 1024 * 1024, $"Memory grew by {growth / 1048576.0:F1} MiB over 15 swaps");
    }

    private async Task<long> CurrentSessionIdAsync() => (await SiloAsync()).GetProperty("sessionId").GetInt64();

    private async Task<JsonElement> SiloAsync() => (await Client.RegistryAsync()).GetProperty("silos")[0];

    private static long SettledMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.PrivateMemorySize64;
    }

    private async Task<(int Status, string? Version, string? Error)> RecognizeAsync(byte[] png)
    {
        using var content = new ByteArrayContent(png);
        content.Headers.ContentType = new("image/png");
        using var response = await Client.PostAsync("/api/recognize", content);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? ((int)response.StatusCode, JsonDocument.Parse(body).RootElement.GetProperty("modelVersion").GetString(), null)
            : ((int)response.StatusCode, null, body);
    }

    private async Task<(int Status, string? Version, string? Error)> InferAsync(float[] glyphs)
    {
        using var content = Json(new { inputs = new[] { new { name = "input", shape = new[] { glyphs.Length / 784, 784 }, datatype = "FP32", data = glyphs } } });
        using var response = await Client.PostAsync("/v2/models/recognizer/infer", content);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? ((int)response.StatusCode, JsonDocument.Parse(body).RootElement.GetProperty("model_version").GetString(), null)
            : ((int)response.StatusCode, null, body);
    }

    private static async Task LoadAsync(string endpoint, Func<Task<(int Status, string? Version, string? Error)>> call, ConcurrentQueue<Sample> samples,
        Progress progress, Stopwatch clock, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            double start = clock.Elapsed.TotalMilliseconds;
            (int Status, string? Version, string? Error) result;
            try
            {
                result = await call();
            }
            catch (Exception e)
            {
                result = (0, null, e.ToString());
            }
            samples.Enqueue(new Sample(endpoint, start, clock.Elapsed.TotalMilliseconds, result.Status, result.Version, result.Error));
            progress.Add();
        }
    }

    private void Report(List<Sample> all, List<Swap> swaps)
    {
        double firstStart = swaps[0].Started, lastEnd = swaps[^1].Returned;
        output.WriteLine($"{all.Count} requests in {all.Max(s => s.End) / 1000:F1} s, {all.Count(s => s.Status != 200)} failed");
        foreach (var swap in swaps)
            output.WriteLine($"{swap.Action}: returned after {swap.Returned - swap.Started:F0} ms (every silo serving it after {swap.Propagation:F0} ms)");
        foreach (var (phase, set) in new[]
                 {
                     ("before the first swap", all.Where(s => s.End < firstStart)),
                     ("during swaps", all.Where(s => swaps.Any(w => s.Start < w.Returned && s.End > w.Started))),
                     ("after the last swap", all.Where(s => s.Start > lastEnd)),
                 })
        {
            var latencies = set.Select(s => s.End - s.Start).Order().ToList();
            if (latencies.Count == 0) continue;
            output.WriteLine($"{phase}: {latencies.Count} requests, p50 {Percentile(latencies, 0.5):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms");
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private sealed record Sample(string Endpoint, double Start, double End, int Status, string? Version, string? Error);

    private sealed record Swap(string Action, string Version, double Started, double Returned, double Propagation);

    /// <summary>Counts finished requests and wakes whoever waits for a count.</summary>
    private sealed class Progress
    {
        private readonly object _gate = new();
        private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
        private int _count;

        public void Add()
        {
            lock (_gate)
            {
                _count++;
                foreach (var waiter in _waiters.Where(w => w.Count <= _count).ToList())
                {
                    waiter.Reached.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }
        }

        public Task ReachedAsync(int count)
        {
            lock (_gate)
            {
                if (_count >= count) return Task.CompletedTask;
                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, reached));
                return reached.Task.WaitAsync(TimeSpan.FromMinutes(2));
            }
        }
    }
}
