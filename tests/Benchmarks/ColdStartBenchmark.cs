using System.Diagnostics;
using System.Net.Http.Headers;

namespace MathCluster.Benchmarks;

/// <summary>
/// How a fresh process serves right after it turns ready: canvases per second over the first 5 s after readiness,
/// against the rate of the same process once warm (after 20 s more of the same load).
/// </summary>
public static class ColdStartBenchmark
{
    private const int Clients = 16;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5), Settle = TimeSpan.FromSeconds(20);

    public static async Task<(double FirstRate, double WarmRate)> RunAsync(Uri readyAddress)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = readyAddress, Timeout = TimeSpan.FromSeconds(60) };
        var png = HttpBenchmarks.FiveSymbolCanvas();
        double first = await RateAsync(http, png, Window);
        await RateAsync(http, png, Settle);
        double warm = await RateAsync(http, png, Window);
        return (first, warm);
    }

    private static async Task<double> RateAsync(HttpClient http, byte[] png, TimeSpan duration)
    {
        long done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                using var content = new ByteArrayContent(png);
                content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
                using var response = await http.PostAsync("/api/recognize", content);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                Interlocked.Increment(ref done);
            }
        })));
        return done / clock.Elapsed.TotalSeconds;
    }
}
