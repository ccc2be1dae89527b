using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MathCluster.TestSupport;

namespace MathCluster.Benchmarks;

/// <summary>(b) /v2 inference over HTTP, binary and JSON; (c) /api/recognize latency under concurrent clients.</summary>
public sealed class HttpBenchmarks(Uri address) : IDisposable
{
    public const int InferBatch = 256;
    private const string InferPath = "/v2/models/recognizer/infer";
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };

    public async Task<double> InferBinaryAsync(float[] glyph, TimeSpan duration, int clients) =>
        (await InferBinaryAsync(glyph, duration, clients, serverProcessorTime: null)).PerSecond;

    /// <summary>Glyphs per second of 256-glyph binary requests, and the server's CPU per request when <paramref name="serverProcessorTime"/> reads it.</summary>
    public Task<Throughput> InferBinaryAsync(float[] glyph, TimeSpan duration, int clients, Func<TimeSpan>? serverProcessorTime)
    {
        var pixels = Enumerable.Repeat(glyph, InferBatch).SelectMany(g => g).ToArray();
        var tensor = new byte[pixels.Length * sizeof(float)];
        Buffer.BlockCopy(pixels, 0, tensor, 0, tensor.Length);
        var header = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            inputs = new[] { new { name = "input", shape = new[] { InferBatch, 1, 28, 28 }, datatype = "FP32", parameters = new { binary_data_size = tensor.Length } } },
            outputs = new[] { new { name = "probabilities", parameters = new { binary_data = true } }, new { name = "label", parameters = new { binary_data = true } } },
        }));
        var body = header.Concat(tensor).ToArray();
        return Measurement.ThroughputAsync(duration, clients, async () =>
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.Add("Inference-Header-Content-Length", header.Length.ToString());
            using var response = await _http.PostAsync(InferPath, content);
            response.EnsureSuccessStatusCode();
            var bytes = await response.Content.ReadAsByteArrayAsync();
            int jsonLength = int.Parse(response.Headers.GetValues("Inference-Header-Content-Length").Single());
            if (bytes.Length <= jsonLength) throw new InvalidDataException("No binary outputs came back.");
            return InferBatch;
        }, serverProcessorTime);
    }

    public Task<double> InferJsonAsync(float[] glyph, TimeSpan duration, int clients)
    {
        var pixels = Enumerable.Repeat(glyph, InferBatch).SelectMany(g => g).ToArray();
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            inputs = new[] { new { name = "input", shape = new[] { InferBatch, 1, 28, 28 }, datatype = "FP32", data = pixels } },
        }));
        return Measurement.ThroughputAsync(duration, clients, async () =>
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync(InferPath, content);
            response.EnsureSuccessStatusCode();
            var json = JsonNode.Parse(await response.Content.ReadAsStreamAsync())!;
            if (json["outputs"]!.AsArray().Count == 0) throw new InvalidDataException("No outputs came back.");
            return InferBatch;
        });
    }

    /// <summary>
    /// Runs every workload once, unmeasured, so the server's JIT has tiered up its hot paths (under full load that
    /// takes seconds): the measurements then see the steady state a long-running server is in.
    /// </summary>
    public async Task WarmUpAsync(float[] glyph, TimeSpan each)
    {
        await InferBinaryAsync(glyph, each, Environment.ProcessorCount * 2);
        await InferJsonAsync(glyph, each, Environment.ProcessorCount * 2);
        await RecognizeAsync(each, 4);
    }

    /// <summary>Latency of recognising one 5-symbol canvas ("71-4=").</summary>
    public Task<LatencySummary> RecognizeAsync(TimeSpan duration, int clients)
    {
        var png = FiveSymbolCanvas();
        return Measurement.LatencyAsync(duration, clients, async () =>
        {
            using var content = new ByteArrayContent(png);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            using var response = await _http.PostAsync("/api/recognize", content);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        });
    }

    /// <summary>The canvas (c) sends: "71-4=" drawn by the test sketcher, 900x240 px.</summary>
    public static byte[] FiveSymbolCanvas() => new CanvasSketch().Write("71-4=").ToPng();

    /// <summary>The same canvas as the strokes it was drawn with (stroke JSON).</summary>
    public static byte[] FiveSymbolStrokes() => new CanvasSketch().Write("71-4=").ToStrokeJson();

    public void Dispose() => _http.Dispose();
}
