using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MathCluster.Recognition;
using MathCluster.TestSupport;
using MathCluster.Web.Tests.Support;

namespace MathCluster.Web.Tests;

/// <summary>Exact counts need a process to themselves: instruments are process-wide, so no other test may run alongside.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}

[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly List<Activity> _spans = [];
    private readonly TracedWebFactory _factory;
    private HttpClient _client = null!;

    public TelemetryTests() => _factory = new TracedWebFactory(_spans);

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Recognize_OneCanvas_IsOneTraceFromTheWebRequestThroughTheGrainCallToTheInference()
    {
        using var content = Png(new CanvasSketch().Write("7+4").ToPng());
        using var response = await _client.PostAsync("/api/recognize", content);
        response.EnsureSuccessStatusCode();

        var server = WaitForServerSpan("/api/recognize");
        var trace = SpansOf(server.TraceId);
        var infer = Assert.Single(trace, s => s.OperationName == "infer");
        var classify = Assert.Single(trace, s => s.OperationName == "classify");
        Assert.Equal(classify.SpanId, infer.ParentSpanId);
        Assert.Contains(trace, s => s.Source.Name == "Microsoft.Orleans.Application");
        Assert.True(IsDescendant(classify, server, trace), "classify runs under the web request");
        Assert.Equal(3, infer.GetTagItem(RecognitionTelemetry.BatchSizeTag));
        Assert.False(string.IsNullOrEmpty(infer.GetTagItem(RecognitionTelemetry.ModelVersionTag) as string));
        foreach (var stage in new[] { "decode", "segment", "normalise", "parse" })
            Assert.True(IsDescendant(Assert.Single(trace, s => s.OperationName == stage), server, trace), stage);
    }

    [Fact]
    public async Task Infer_OneBatch_IsOneTraceToo()
    {
        var sketch = new CanvasSketch().Write("47");
        var pixels = sketch.Boxes.SelectMany(b => GlyphNormalizer.Normalize(sketch.ToInk().Crop(b))).ToArray();
        var body = JsonSerializer.Serialize(new { inputs = new[] { new { name = "input", shape = new[] { 2, 784 }, datatype = "FP32", data = pixels } } });
        using var response = await _client.PostAsync("/v2/models/recognizer/infer", new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();

        var server = WaitForServerSpan("/v2/models/{name}/infer");
        var trace = SpansOf(server.TraceId);
        var infer = Assert.Single(trace, s => s.OperationName == "infer");
        Assert.True(IsDescendant(infer, server, trace), "the ONNX run belongs to the request's trace");
        Assert.Contains(trace, s => s.Source.Name == "Microsoft.Orleans.Application");
        Assert.Equal(2, infer.GetTagItem(RecognitionTelemetry.BatchSizeTag));
    }

    [Fact]
    public async Task Metrics_AfterRequests_CountWhatWasSent()
    {
        string[] drawn = ["7+4", "4×7", "71-4="];
        int symbols = 0, sevens = 0, candidates = 0;
        foreach (var text in drawn)
        {
            var png = new CanvasSketch().Write(text).ToPng();
            // The model classifies every grouping the reader weighs, not only the symbols it chooses.
            var ink = MathCluster.Recognition.Segmentation.CanvasSegmenter.Atoms(MathCluster.Recognition.Imaging.CanvasDecoder.Decode(png));
            candidates += MathCluster.Recognition.Segmentation.SymbolLattice.Build(ink, MathCluster.Recognition.Segmentation.CanvasSegmenter.Group(ink)).Candidates.Count;
            using var content = Png(png);
            using var response = await _client.PostAsync("/api/recognize", content);
            response.EnsureSuccessStatusCode();
            var read = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("symbols").EnumerateArray().ToList();
            symbols += read.Count;
            sevens += read.Count(s => s.GetProperty("label").GetString() == "7");
        }
        WaitForServerSpan("/api/recognize", count: drawn.Length);

        var metrics = await _client.GetStringAsync("/metrics");

        Assert.Equal(drawn.Length, PrometheusText.Sum(metrics, "http_server_request_duration_seconds_count", "http_route=\"/api/recognize\""));
        Assert.Equal(candidates, PrometheusText.Sum(metrics, "recognizer_glyphs_classified_total"));
        Assert.True(candidates >= symbols);
        Assert.Equal(symbols, PrometheusText.Sum(metrics, "recognizer_predictions_total"));
        Assert.Equal(sevens, PrometheusText.Sum(metrics, "recognizer_predictions_total", "class=\"7\""));
        Assert.True(sevens > 0);
        Assert.Equal(symbols, PrometheusText.Sum(metrics, "recognizer_prediction_confidence_count"));
        Assert.True(PrometheusText.Sum(metrics, "recognizer_batch_size_count") >= 1);
        Assert.Equal(1, PrometheusText.Sum(metrics, "recognizer_model_active", "model_version=\""));
        Assert.Contains("dotnet_gc_collections_total", metrics);
        Assert.Contains("orleans_catalog_activations", metrics);
    }

    private static ByteArrayContent Png(byte[] png)
    {
        var content = new ByteArrayContent(png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    // The server span ends just after the response is sent; wait for it (bounded) instead of guessing a delay.
    private Activity WaitForServerSpan(string route, int count = 1)
    {
        Activity[] Found()
        {
            lock (_spans) return _spans.Where(s => s.Kind == ActivityKind.Server && (s.GetTagItem("http.route") as string) == route).ToArray();
        }
        Assert.True(SpinWait.SpinUntil(() => Found().Length >= count, TimeSpan.FromSeconds(10)), $"no server span for {route}");
        return Found()[0];
    }

    private List<Activity> SpansOf(ActivityTraceId trace)
    {
        lock (_spans) return _spans.Where(s => s.TraceId == trace).ToList();
    }

    private static bool IsDescendant(Activity span, Activity ancestor, List<Activity> trace)
    {
        for (var current = span; current is not null; current = trace.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
            if (current.SpanId == ancestor.SpanId) return true;
        return false;
    }
}
