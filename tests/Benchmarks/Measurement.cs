using System.Diagnostics;

namespace MathCluster.Benchmarks;

/// <summary>Runs work repeatedly for a fixed time after a warm-up and reports rates and latency percentiles.</summary>
public static class Measurement
{
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    /// <summary>Each serving workload runs this long, unmeasured, before a freshly started server is measured.</summary>
    public static readonly TimeSpan ServerWarmUp = TimeSpan.FromSeconds(10);

    /// <summary>Items per second over <paramref name="duration"/> with <paramref name="workers"/> concurrent loops; each call returns the items it did.</summary>
    public static async Task<double> ThroughputAsync(TimeSpan duration, int workers, Func<Task<int>> work) =>
        (await ThroughputAsync(duration, workers, work, processorTime: null)).PerSecond;

    /// <summary>
    /// Items per second, and when <paramref name="processorTime"/> reads a process's CPU time (the server's), its CPU
    /// milliseconds per call over the same measured window (the warm-up left out).
    /// </summary>
    public static async Task<Throughput> ThroughputAsync(TimeSpan duration, int workers, Func<Task<int>> work, Func<TimeSpan>? processorTime)
    {
        await RunForAsync(WarmUp, workers, work, null);
        long items = 0, calls = 0;
        var cpu = processorTime?.Invoke();
        var clock = Stopwatch.StartNew();
        await RunForAsync(duration, workers, async () =>
        {
            int done = await work();
            Interlocked.Add(ref items, done);
            Interlocked.Increment(ref calls);
            return done;
        }, null);
        double seconds = clock.Elapsed.TotalSeconds;
        double? cpuPerCall = cpu is { } before && calls > 0 ? (processorTime!() - before).TotalMilliseconds / calls : null;
        return new Throughput(items / seconds, cpuPerCall);
    }

    /// <summary>Latencies in milliseconds of every call made by <paramref name="workers"/> loops over <paramref name="duration"/>.</summary>
    public static async Task<LatencySummary> LatencyAsync(TimeSpan duration, int workers, Func<Task> call)
    {
        Task<int> Wrapped() => call().ContinueWith(t => { t.GetAwaiter().GetResult(); return 1; });
        await RunForAsync(WarmUp, workers, Wrapped, null);
        var samples = new List<double>();
        var clock = Stopwatch.StartNew();
        await RunForAsync(duration, workers, Wrapped, samples);
        return LatencySummary.From(samples, clock.Elapsed);
    }

    private static Task RunForAsync(TimeSpan duration, int workers, Func<Task<int>> work, List<double>? latencies)
    {
        var end = DateTime.UtcNow + duration;
        return Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (DateTime.UtcNow < end)
            {
                long start = Stopwatch.GetTimestamp();
                await work();
                if (latencies is not null)
                {
                    double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    lock (latencies) latencies.Add(ms);
                }
            }
        })));
    }
}

public sealed record LatencySummary(int Requests, double RequestsPerSecond, double P50, double P95, double P99, double Max)
{
    public static LatencySummary From(List<double> samples, TimeSpan elapsed)
    {
        samples.Sort();
        double At(double q) => samples.Count == 0 ? double.NaN : samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(q * samples.Count) - 1)];
        return new LatencySummary(samples.Count, samples.Count / elapsed.TotalSeconds, At(0.50), At(0.95), At(0.99), samples.Count == 0 ? double.NaN : samples[^1]);
    }
}

/// <summary>A measured rate, and the measured process's CPU milliseconds per call when it was watched.</summary>
public readonly record struct Throughput(double PerSecond, double? CpuMillisecondsPerCall);
