using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MathCluster.TestSupport;
using MathCluster.Web.Tests.Support;

namespace MathCluster.Web.Tests;

/// <summary>
/// The heavy-work lane on real Kestrel: requests whose cost is large by what is known up front (a PNG header's pixel
/// area, a body's declared length) share a lane of their own; past it they get 429 at once, and light canvases are
/// still served.
/// </summary>
public sealed class HeavyWorkTests
{
    private const int HeavyBodyBytes = 64 * 1024;

    [Fact]
    public async Task HeavyRequests_BeyondTheHeavyLane_Get429WithRetryAfter_WhileALightCanvasIsServed()
    {
        // The lane is held below by a request that sends no body, so Kestrel must not time it out for being slow.
        await using var factory = new MathWebFactory { Kestrel = kestrel => kestrel.Limits.MinRequestBodyDataRate = null };
        factory.Settings["Limits:HeavyConcurrency"] = "1";
        factory.Settings["Limits:HeavyQueue"] = "0";
        factory.Settings["Limits:HeavyBodyBytes"] = $"{HeavyBodyBytes}";
        factory.Settings["Limits:HeavyTensorBodyBytes"] = $"{HeavyBodyBytes}";
        factory.Settings["Limits:HeavyCanvasPixels"] = "1000000";
        var address = factory.StartOnKestrel();
        using var http = new HttpClient { BaseAddress = address };
        var lightCanvas = new CanvasSketch().Write("71-4=").ToPng();
        using (var warm = await PostAsync(http, "/api/recognize", lightCanvas, "image/png"))
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);

        // A heavy stroke body takes the lane: Kestrel answers its Expect: 100-continue when the endpoint first reads
        // the body, which is after admission, and the body never comes, so the lane stays taken.
        using var holder = new TcpClient();
        await holder.ConnectAsync(address.Host, address.Port);
        var held = holder.GetStream();
        await RawHttp.SendAsync(held, $"POST /api/recognize HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\n" +
                                      $"Content-Length: {2 * HeavyBodyBytes}\r\nExpect: 100-continue\r\n\r\n");
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        Assert.Equal(100, await RawHttp.ReadInterimStatusAsync(held, guard.Token));

        using var strokes = await PostAsync(http, "/api/recognize", Encoding.UTF8.GetBytes(new string(' ', HeavyBodyBytes) + "{}"), "application/json");
        using var largePng = await PostAsync(http, "/api/recognize", PngFiles.WithHeader(1100, 1000), "image/png");
        using var tensors = await PostAsync(http, "/v2/models/recognizer/infer", Encoding.UTF8.GetBytes(new string(' ', HeavyBodyBytes) + "{}"), "application/json");
        using var light = await PostAsync(http, "/api/recognize", lightCanvas, "image/png");

        foreach (var refused in new[] { strokes, largePng, tensors })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
        }
        Assert.Equal("application/problem+json", strokes.Content.Headers.ContentType?.MediaType);
        using (var error = JsonDocument.Parse(await tensors.Content.ReadAsStringAsync()))
            Assert.False(string.IsNullOrWhiteSpace(error.RootElement.GetProperty("error").GetString()));
        Assert.Equal(HttpStatusCode.OK, light.StatusCode);
        using var answer = JsonDocument.Parse(await light.Content.ReadAsStringAsync());
        Assert.Equal("67", answer.RootElement.GetProperty("value").GetProperty("fraction").GetString());
    }

    [Fact]
    public async Task HeavyRequests_WithTheLaneFree_AreServed()
    {
        await using var factory = new MathWebFactory();
        factory.Settings["Limits:HeavyCanvasPixels"] = "1000";
        var address = factory.StartOnKestrel();
        using var http = new HttpClient { BaseAddress = address };
        // Heavy by its pixel area (216,000 > 1,000), alone in the lane: read as usual.
        using var response = await PostAsync(http, "/api/recognize", new CanvasSketch().Write("71-4=").ToPng(), "image/png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return http.PostAsync(path, content);
    }
}
