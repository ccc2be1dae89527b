using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MathCluster.Recognition.Imaging;
using MathCluster.TestSupport;

namespace MathCluster.Benchmarks;

/// <summary>
/// Abuse and real use at once: 8 clients send the worst small inputs the server accepts to read (a dot grid and a line
/// grid at the largest accepted canvas, a /v2 JSON body of the most JSON accepted with one value too many, stroke JSON at
/// the stroke and byte caps), while 2 clients send a real 5-symbol canvas. Every hostile request must be refused (4xx
/// or 429) within a second, and the real canvases must all read right.
/// </summary>
public static class HostileLoadBenchmark
{
    public const int HostileClients = 8, RealClients = 2;
    private static readonly TimeSpan HostileDeadline = TimeSpan.FromSeconds(1);
    private const string RealValue = "67"; // "71-4=": the final '=' is ignored

    public static async Task<HostileLoadResult> RunAsync(Uri address, TimeSpan duration, Func<double> peakMemoryMiB)
    {
        var hostile = HostileInputs();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        var realCanvas = HttpBenchmarks.FiveSymbolCanvas();

        var hostileAnswers = new List<(string Kind, int Status, double Milliseconds)>();
        var realLatencies = new List<double>();
        int realWrong = 0;
        var realStatuses = new Dictionary<int, int>();
        var end = DateTime.UtcNow + duration;
        var clock = Stopwatch.StartNew();

        var attackers = Enumerable.Range(0, HostileClients).Select(client => Task.Run(async () =>
        {
            for (int i = client; DateTime.UtcNow < end; i++)
            {
                var input = hostile[i % hostile.Count];
                long start = Stopwatch.GetTimestamp();
                int status;
                try
                {
                    using var response = await http.SendAsync(input.Request(), HttpCompletionOption.ResponseHeadersRead);
                    status = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    status = 0; // the connection broke: never an acceptable answer
                }
                double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                lock (hostileAnswers) hostileAnswers.Add((input.Kind, status, ms));
            }
        }));
        var users = Enumerable.Range(0, RealClients).Select(_ => Task.Run(async () =>
        {
            while (DateTime.UtcNow < end)
            {
                long start = Stopwatch.GetTimestamp();
                using var content = new ByteArrayContent(realCanvas);
                content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
                using var response = await http.PostAsync("/api/recognize", content);
                string body = await response.Content.ReadAsStringAsync();
                double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                bool right = response.StatusCode == HttpStatusCode.OK && JsonNode.Parse(body)?["value"]?["fraction"]?.GetValue<string>() == RealValue;
                lock (realLatencies)
                {
                    realLatencies.Add(ms);
                    realStatuses[(int)response.StatusCode] = realStatuses.GetValueOrDefault((int)response.StatusCode) + 1;
                    if (!right) realWrong++;
                }
            }
        }));
        await Task.WhenAll(attackers.Concat(users));

        var kinds = hostileAnswers.GroupBy(a => a.Kind).Select(g => new HostileKindResult(
            g.Key, g.Count(),
            g.GroupBy(a => a.Status).OrderBy(s => s.Key).ToDictionary(s => s.Key, s => s.Count()),
            g.Count(a => a.Status is < 400 or >= 500 && a.Status != 429 || a.Milliseconds > HostileDeadline.TotalMilliseconds),
            Percentile(g.Select(a => a.Milliseconds).ToList(), 0.99), g.Max(a => a.Milliseconds))).ToList();
        return new HostileLoadResult(duration, kinds, LatencySummary.From(realLatencies, clock.Elapsed), realWrong, realStatuses, peakMemoryMiB());
    }

    private static double Percentile(List<double> samples, double q)
    {
        samples.Sort();
        return samples.Count == 0 ? double.NaN : samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(q * samples.Count) - 1)];
    }

    private sealed record HostileInput(string Kind, Func<HttpRequestMessage> Request);

    private static List<HostileInput> HostileInputs()
    {
        const int side = 1448; // the largest accepted square canvas (Limits:MaxCanvasPixels = 2 MP = 2,097,152 >= 1448 x 1448)
        var dots = new InkImage(side, side);
        for (int y = 0; y < side; y += 2)
        for (int x = 0; x < side; x += 2)
            dots[x, y] = 1f;
        var lines = new InkImage(side, side);
        for (int x = 0; x < side; x += 2)
        for (int y = 0; y < side; y++)
            if (y % 5 < 3) lines[x, y] = 1f; // short vertical dashes: hundreds of thousands of thin components
        byte[] dotGrid = PngFiles.BlackOnWhite(dots), lineGrid = PngFiles.BlackOnWhite(lines);

        // The most JSON /v2 takes (4 MiB, InferenceLimits.MaxJsonBytes), with one value past its shape: all of it is read
        // before it is wrong.
        const int jsonGlyphs = (4 * 1024 * 1024 - 200) / (784 * 4);
        var json = new StringBuilder($$"""{"inputs":[{"name":"input","shape":[{{jsonGlyphs}},784],"datatype":"FP32","data":[""");
        for (int i = 0; i <= jsonGlyphs * 784; i++) json.Append(i == 0 ? "0.5" : ",0.5");
        byte[] largeJson = Encoding.UTF8.GetBytes(json.Append("]}]}").ToString());

        // Stroke JSON at the stroke cap and just under the byte cap: 2,000 strokes of 20 points spread over a
        // 2048x2048 canvas (stroke canvases are bounded by their side, strokes and points, not by the PNG pixel cap),
        // so 2,000 separate symbols.
        var strokes = Enumerable.Range(0, StrokeCanvas.MaxStrokes).Select(s =>
        {
            int x0 = s % 45 * 45 + 2, y0 = s / 45 * 45 + 2;
            return Enumerable.Range(0, 20).Select(p => new[] { x0 + p, y0 + p % 7 }).ToArray();
        }).ToArray();
        byte[] strokeJson = JsonSerializer.SerializeToUtf8Bytes(new { width = 2048, height = 2048, penWidth = 1, strokes });
        if (strokeJson.Length > StrokeCanvas.MaxJsonBytes) throw new InvalidOperationException($"The stroke body is {strokeJson.Length} bytes, over the cap.");

        Console.WriteLine($"  hostile inputs: dot grid {dotGrid.Length / 1024} KB, line grid {lineGrid.Length / 1024} KB PNG ({side}x{side}); " +
                          $"/v2 JSON {largeJson.Length / 1024} KB; stroke JSON {strokeJson.Length / 1024} KB ({StrokeCanvas.MaxStrokes} strokes)");
        return
        [
            new("dot-grid PNG", () => Post("/api/recognize", dotGrid, "image/png")),
            new("line-grid PNG", () => Post("/api/recognize", lineGrid, "image/png")),
            new("/v2 JSON past its shape", () => Post("/v2/models/recognizer/infer", largeJson, "application/json")),
            new("stroke JSON at the caps", () => Post("/api/recognize", strokeJson, "application/json")),
        ];
    }

    private static HttpRequestMessage Post(string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }
}

public sealed record HostileKindResult(string Kind, int Requests, Dictionary<int, int> Statuses, int Unacceptable, double P99Milliseconds, double MaxMilliseconds);

public sealed record HostileLoadResult(TimeSpan Duration, List<HostileKindResult> Hostile, LatencySummary Real, int RealWrong, Dictionary<int, int> RealStatuses, double PeakMemoryMiB)
{
    public string ToMarkdown(string where)
    {
        var md = new StringBuilder();
        md.AppendLine($"Hostile load, {Duration.TotalSeconds:F0} s against {where}: {HostileLoadBenchmark.HostileClients} hostile clients, {HostileLoadBenchmark.RealClients} clients with a real 5-symbol canvas.");
        md.AppendLine();
        md.AppendLine("| requests | answers | refused with 4xx/429 within 1 s | p99 / max |");
        md.AppendLine("| --- | --- | ---: | ---: |");
        foreach (var kind in Hostile)
            md.AppendLine($"| {kind.Kind} | {string.Join(", ", kind.Statuses.Select(s => $"{(s.Key == 0 ? "broken" : s.Key)} × {s.Value}"))} | {kind.Requests - kind.Unacceptable}/{kind.Requests} | {kind.P99Milliseconds:F0} / {kind.MaxMilliseconds:F0} ms |");
        md.AppendLine($"| real canvas `71-4=` | {string.Join(", ", RealStatuses.Select(s => $"{s.Key} × {s.Value}"))}; read right {Real.Requests - RealWrong}/{Real.Requests} | | p50 {Real.P50:F0} / p99 {Real.P99:F0} / max {Real.Max:F0} ms |");
        md.AppendLine();
        md.AppendLine($"Server peak resident memory: {PeakMemoryMiB:F0} MiB.");
        return md.ToString();
    }
}
