using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MathCluster.Grains;
using MathCluster.Hosting;
using MathCluster.Recognition;
using MathCluster.TestSupport;
using MathCluster.Web.Hosting;
using MathCluster.Web.Tests.Support;

namespace MathCluster.Web.Tests;

/// <summary>Metrics are process-wide, so these run in the telemetry collection, alone.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class WarmupTests
{
    private const int WarmupRequests = 40;

    [Fact]
    public async Task Readiness_FollowsTheWarmup_WhoseRequestsAreAllAnswered_AndNeitherCountedNorTraced()
    {
        var spans = new List<Activity>();
        await using var factory = new TracedWebFactory(spans);
        factory.Settings["Warmup:Requests"] = WarmupRequests.ToString();
        using var client = new HttpClient { BaseAddress = factory.StartOnKestrel() };

        JsonElement ready = default;
        await Eventually.AssertAsync(async () =>
        {
            using var response = await client.GetAsync("/readyz");
            ready = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            return response.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(60), "the app turns ready");

        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty(HttpWarmup.Name).GetString());
        Assert.Equal(WarmupRequests.ToString(), ready.GetProperty("warmupRequests").GetString());
        Assert.Equal("0", ready.GetProperty("warmupFailed").GetString());
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Equal(0, PrometheusText.Sum(metrics, "http_server_request_duration_seconds_count", "http_route=\"/api/recognize\""));
        Assert.Equal(0, PrometheusText.Sum(metrics, "recognizer_glyphs_classified_total"));
        Assert.Equal(0, PrometheusText.Sum(metrics, "recognizer_predictions_total"));
        lock (spans)
            Assert.Empty(spans.Where(s => s.Source.Name == RecognitionTelemetry.Name
                                          || s.Source.Name == ClusterTelemetry.OrleansApplicationSource && s.DisplayName is var call
                                             && (call.EndsWith(nameof(IRecognizerGrain.RecognizeCanvas)) || call.EndsWith(nameof(IRecognizerGrain.RecognizeStrokes)) || call.EndsWith(nameof(IRecognizerGrain.ClassifyGlyphs)))
                                          || s.Kind == ActivityKind.Server && s.GetTagItem("http.route") is "/api/recognize" or "/api/batch" or "/v2/models/{name}/infer")
                .Select(s => $"{s.Source.Name} {s.Kind} {s.DisplayName}").Distinct());

        // A user's canvas after it is counted and traced as before.
        using var content = new ByteArrayContent(new CanvasSketch().Write("7+4").ToPng());
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var answer = await client.PostAsync("/api/recognize", content);
        answer.EnsureSuccessStatusCode();
        await Eventually.AssertAsync(() =>
        {
            lock (spans) return Task.FromResult(spans.Any(s => s.Source.Name == RecognitionTelemetry.Name && s.OperationName == "infer"));
        }, TimeSpan.FromSeconds(10), "the canvas's inference is traced");
        // The scrape is cached for a moment and the request counted as it ends: poll for it.
        await Eventually.AssertAsync(async () =>
        {
            metrics = await client.GetStringAsync("/metrics");
            return PrometheusText.Sum(metrics, "http_server_request_duration_seconds_count", "http_route=\"/api/recognize\"") > 0;
        }, TimeSpan.FromSeconds(10), "the canvas request is counted");
        Assert.Equal(1, PrometheusText.Sum(metrics, "http_server_request_duration_seconds_count", "http_route=\"/api/recognize\""));
        Assert.True(PrometheusText.Sum(metrics, "recognizer_predictions_total") >= 3);
    }
}
