using System.Globalization;
using System.Text;

namespace MathCluster.Benchmarks;

/// <summary>
/// The serving measurements, (b) and (c), against an app or cluster that is already running (such as
/// deploy/cluster.sh's), so one silo and three silos can be compared on the same machine; nothing is started.
/// </summary>
public static class RemoteBenchmark
{
    public static async Task<string> RunAsync(Uri address, float[] glyph, TimeSpan duration, string label)
    {
        using var http = new HttpBenchmarks(address);
        int clients = Environment.ProcessorCount * 2;
        Console.WriteLine($"Serving benchmark of {address} ({label}), {clients} clients for /v2");
        await http.WarmUpAsync(glyph, Measurement.ServerWarmUp);
        double binary = await http.InferBinaryAsync(glyph, duration, clients);
        Console.WriteLine($"  /v2 binary: {binary:N0} glyphs/s");
        double json = await http.InferJsonAsync(glyph, duration, clients);
        Console.WriteLine($"  /v2 JSON:   {json:N0} glyphs/s");
        var latency = await http.RecognizeAsync(duration, 16);
        Console.WriteLine($"  /api/recognize, 16 clients: p50 {latency.P50:F1} ms, p99 {latency.P99:F1} ms, {latency.RequestsPerSecond:N0} req/s");

        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(c, $"| {label} | {binary:N0} glyphs/s | {json:N0} glyphs/s | {latency.P50:F1} / {latency.P99:F1} ms ({latency.RequestsPerSecond:N0} req/s) |");
        return md.ToString();
    }
}
