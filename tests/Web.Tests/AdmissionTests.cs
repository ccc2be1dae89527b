using System.Net;
using System.Net.Http.Headers;
using MathCluster.Recognition.Imaging;
using MathCluster.TestSupport;
using MathCluster.Web.Hosting;
using MathCluster.Web.Tests.Support;

namespace MathCluster.Web.Tests;

/// <summary>Runs alone: it measures the memory one hostile canvas costs the whole process.</summary>
[CollectionDefinition(nameof(AdmissionTests), DisableParallelization = true)]
public sealed class AdmissionCollection;

/// <summary>
/// What one request may cost, and what happens past the limits, on the real app: hostile canvases are refused after
/// a bounded amount of work, and a full limiter answers 429 with Retry-After.
/// </summary>
[Collection(nameof(AdmissionTests))]
public sealed class AdmissionTests
{
    private static readonly int LargestAcceptedSide = MathWebFactory.LargestAcceptedSquareSide;

    [Fact]
    public async Task DotGrid_AtTheLargestAcceptedSize_IsRefusedWithBoundedMemory()
    {
        await using var factory = new MathWebFactory();
        using var client = factory.CreateClient();
        // One-pixel dots two pixels apart: about a million components in a PNG of a few kilobytes.
        var ink = new InkImage(LargestAcceptedSide, LargestAcceptedSide);
        for (int y = 0; y < ink.Height; y += 2)
        for (int x = 0; x < ink.Width; x += 2)
            ink[x, y] = 1f;
        var png = PngFiles.BlackOnWhite(ink);
        Assert.True(png.Length < 200_000, $"the grid is {png.Length} bytes; it should be a small upload");
        await PostAsync(client, PngFiles.BlackOnWhite(new InkImage(40, 40))); // warm: the session and grains exist

        long before = GC.GetTotalAllocatedBytes(precise: true);
        using var response = await PostAsync(client, png);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // Decoding a 2 MP canvas takes its pixel buffers (~8 MB each); labelling every dot took hundreds of MB.
        Assert.True(allocated < 200L * 1024 * 1024, $"the refused grid allocated {allocated / (1024 * 1024)} MB");
    }

    public static TheoryData<int, int> OverTheCap() => new()
    {
        { LargestAcceptedSide + 1, LargestAcceptedSide },
        { 4096, 4096 },
    };

    [Theory]
    [MemberData(nameof(OverTheCap))]
    public async Task Canvas_OverThePixelAreaCap_Is413(int width, int height)
    {
        await using var factory = new MathWebFactory();
        using var client = factory.CreateClient();
        using var response = await PostAsync(client, PngFiles.WithHeader(width, height));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("pixels", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PixelAreaCap_IsConfigurable()
    {
        await using var factory = new MathWebFactory();
        factory.Settings["Limits:MaxCanvasPixels"] = "10000";
        using var client = factory.CreateClient();
        using var response = await PostAsync(client, PngFiles.BlackOnWhite(new InkImage(101, 100)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task AClientOverItsRate_Gets429WithRetryAfter()
    {
        await using var factory = new MathWebFactory();
        factory.Settings["Limits:ClientRequestsPerSecond"] = "1";
        factory.Settings["Limits:ClientBurst"] = "1";
        using var client = factory.CreateClient();
        using var first = await client.GetAsync("/healthz");
        using var second = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.True(second.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheProcessesOwnWarmupRequests_SkipThePerClientLimit_AndNoOneElseDoes()
    {
        await using var factory = new MathWebFactory();
        factory.Settings["Limits:ClientRequestsPerSecond"] = "1";
        factory.Settings["Limits:ClientBurst"] = "1";
        using var client = factory.CreateClient();
        async Task<HttpStatusCode> HealthAsync(string? mark)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
            if (mark is not null) request.Headers.Add(WarmupMarking.HeaderName, mark);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await HealthAsync(null));
        Assert.Equal(HttpStatusCode.TooManyRequests, await HealthAsync(WarmupMarking.Key.ToLowerInvariant()));
        Assert.Equal(HttpStatusCode.TooManyRequests, await HealthAsync(""));
        for (int i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, await HealthAsync(WarmupMarking.Key));
    }

    [Fact]
    public async Task CanvasWorkPastTheConcurrencyLimitAndQueue_Gets429WithRetryAfter()
    {
        await using var factory = new MathWebFactory();
        factory.Settings["Limits:CanvasConcurrency"] = "1";
        factory.Settings["Limits:CanvasQueue"] = "0";
        using var client = factory.CreateClient();
        var png = PngFiles.BlackOnWhite(new InkImage(400, 400));
        await PostAsync(client, png); // warm, so the burst below overlaps in the recognizer rather than in start-up

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => PostAsync(client, png)));
        try
        {
            Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"{a.StatusCode}"));
            Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
            var refused = Assert.IsType<HttpResponseMessage>(answers.FirstOrDefault(a => a.StatusCode == HttpStatusCode.TooManyRequests),
                exactMatch: false);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            foreach (var answer in answers) answer.Dispose();
        }
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] png)
    {
        var content = new ByteArrayContent(png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return client.PostAsync("/api/recognize", content);
    }
}
