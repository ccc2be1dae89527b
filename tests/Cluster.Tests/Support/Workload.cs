using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace MathCluster.Cluster.Tests.Support;

/// <summary>
/// Concurrent clients on /api/recognize, /api/batch (NDJSON) and /v2 infer against the web app, each checking every
/// answer against the one the same input got before the run (<see cref="PrepareAsync"/>). Bounded: the loops end
/// when told to, at a hard deadline, or after a maximum number of requests.
/// </summary>
public sealed class Workload : IDisposable
{
    public const string Recognize = "/api/recognize";
    public const string Batch = "/api/batch";
    public const string Infer = "/v2/models/recognizer/infer";
    public const int BatchSize = 8;
    private const int MaxRequests = 200_000;
    private static readonly TimeSpan HardDeadline = TimeSpan.FromMinutes(8);

    private readonly HttpClient _http;
    private readonly string[] _expected;
    private readonly string _expectedLabels;
    private readonly ConcurrentQueue<RequestOutcome> _outcomes = new();
    private int _started;

    private Workload(HttpClient http, string[] expected, string expectedLabels)
    {
        _http = http;
        _expected = expected;
        _expectedLabels = expectedLabels;
    }

    public int Completed => _outcomes.Count;

    /// <summary>Asks once for every input's answer while the cluster is whole, and checks the canvases read as drawn.</summary>
    public static async Task<Workload> PrepareAsync(Uri web)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = web, Timeout = TimeSpan.FromSeconds(90) };
        var expected = new string[TestCanvases.All.Count];
        for (int i = 0; i < expected.Length; i++)
        {
            using var response = await http.PostAsync(Recognize, Png(TestCanvases.All[i].Png));
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(TestCanvases.All[i].Expression, json.RootElement.GetProperty("expression").GetString());
            expected[i] = Answer(json.RootElement);
        }
        using var infer = await http.PostAsync(Infer, InferBody());
        infer.EnsureSuccessStatusCode();
        return new Workload(http, expected, Labels(await infer.Content.ReadAsStringAsync()));
    }

    /// <summary>Runs the clients until <paramref name="stop"/> (or the hard bounds) and returns every request's outcome.</summary>
    public async Task<IReadOnlyList<RequestOutcome>> RunAsync(int recognizeClients, int batchClients, int inferClients, CancellationToken stop)
    {
        var deadline = DateTime.UtcNow + HardDeadline;
        var loops = new List<Task>();
        for (int i = 0; i < recognizeClients; i++) loops.Add(LoopAsync(RecognizeOnceAsync, stop, deadline));
        for (int i = 0; i < batchClients; i++) loops.Add(LoopAsync(BatchOnceAsync, stop, deadline));
        for (int i = 0; i < inferClients; i++) loops.Add(LoopAsync(InferOnceAsync, stop, deadline));
        await Task.WhenAll(loops);
        return [.. _outcomes];
    }

    private async Task LoopAsync(Func<int, Task<RequestOutcome>> request, CancellationToken stop, DateTime deadline)
    {
        await Task.Yield();
        while (!stop.IsCancellationRequested && DateTime.UtcNow < deadline)
        {
            int n = Interlocked.Increment(ref _started);
            if (n > MaxRequests) return;
            _outcomes.Enqueue(await request(n));
        }
    }

    private async Task<RequestOutcome> RecognizeOnceAsync(int n)
    {
        int canvas = n % _expected.Length;
        var started = DateTime.UtcNow;
        try
        {
            using var response = await _http.PostAsync(Recognize, Png(TestCanvases.All[canvas].Png));
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) return new(Recognize, started, DateTime.UtcNow, 1, 1, 0, $"{(int)response.StatusCode}: {body}");
            using var json = JsonDocument.Parse(body);
            bool right = Answer(json.RootElement) == _expected[canvas];
            return new(Recognize, started, DateTime.UtcNow, 1, 0, right ? 0 : 1, right ? null : $"answer {Answer(json.RootElement)} for {canvas}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new(Recognize, started, DateTime.UtcNow, 1, 1, 0, e.Message);
        }
    }

    private async Task<RequestOutcome> BatchOnceAsync(int n)
    {
        var canvases = Enumerable.Range(n, BatchSize).Select(i => i % _expected.Length).ToArray();
        var started = DateTime.UtcNow;
        try
        {
            using var form = new MultipartFormDataContent();
            foreach (int canvas in canvases)
            {
                var part = new ByteArrayContent(TestCanvases.All[canvas].Png);
                part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
                form.Add(part, "images", TestCanvases.All[canvas].Name);
            }
            using var response = await _http.PostAsync(Batch, form);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) return new(Batch, started, DateTime.UtcNow, BatchSize, BatchSize, 0, $"{(int)response.StatusCode}: {body}");
            var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            int failed = Math.Max(0, BatchSize - lines.Length), wrong = 0;
            string? error = lines.Length == BatchSize ? null : $"{lines.Length} of {BatchSize} lines";
            for (int i = 0; i < Math.Min(lines.Length, BatchSize); i++)
            {
                using var line = JsonDocument.Parse(lines[i]);
                var root = line.RootElement;
                if (root.GetProperty("index").GetInt32() != i || root.GetProperty("status").GetInt32() != 200)
                {
                    failed++;
                    error ??= lines[i];
                }
                else if (Answer(root.GetProperty("result")) != _expected[canvases[i]])
                {
                    wrong++;
                    error ??= $"line {i}: {Answer(root.GetProperty("result"))}";
                }
            }
            return new(Batch, started, DateTime.UtcNow, BatchSize, failed, wrong, error);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new(Batch, started, DateTime.UtcNow, BatchSize, BatchSize, 0, e.Message);
        }
    }

    private async Task<RequestOutcome> InferOnceAsync(int n)
    {
        var started = DateTime.UtcNow;
        try
        {
            using var response = await _http.PostAsync(Infer, InferBody());
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) return new(Infer, started, DateTime.UtcNow, 1, 1, 0, $"{(int)response.StatusCode}: {body}");
            bool right = Labels(body) == _expectedLabels;
            return new(Infer, started, DateTime.UtcNow, 1, 0, right ? 0 : 1, right ? null : $"labels {Labels(body)}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new(Infer, started, DateTime.UtcNow, 1, 1, 0, e.Message);
        }
    }

    /// <summary>What must not change between runs: expression, exact value, symbol labels and model version (not timings).</summary>
    private static string Answer(JsonElement result) =>
        $"{result.GetProperty("expression").GetString()} = {result.GetProperty("value").GetRawText()} " +
        $"[{string.Join(' ', result.GetProperty("symbols").EnumerateArray().Select(s => s.GetProperty("label").GetString()))}] " +
        $"{result.GetProperty("modelVersion").GetString()}";

    private static string Labels(string body)
    {
        using var json = JsonDocument.Parse(body);
        var label = json.RootElement.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "label");
        return string.Join(' ', label.GetProperty("data").EnumerateArray().Select(v => v.GetString()));
    }

    private static ByteArrayContent Png(byte[] png)
    {
        var content = new ByteArrayContent(png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    private static StringContent InferBody() => new(JsonSerializer.Serialize(new
    {
        inputs = new[] { new { name = "input", shape = new[] { TestCanvases.GlyphCount, 784 }, datatype = "FP32", data = TestCanvases.Glyphs } },
    }), Encoding.UTF8, "application/json");

    public void Dispose() => _http.Dispose();
}
