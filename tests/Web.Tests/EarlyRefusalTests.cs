using System.Text;
using MathCluster.Recognition.Imaging;
using MathCluster.Web.Tests.Support;

namespace MathCluster.Web.Tests;

/// <summary>
/// Bodies refused before they have all arrived, on real Kestrel with a raw socket as the client: the answer is a
/// clean 4xx, the rest of the body is still taken, and the connection serves the client's next request.
/// </summary>
public sealed class EarlyRefusalTests(InferenceHostileBodyTests.KestrelApp app) : IClassFixture<InferenceHostileBodyTests.KestrelApp>
{
    [Fact]
    public async Task OversizedStrokeBody_RefusedBeforeItArrives_Is413_AndTheConnectionServesTheNextRequest()
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(app.Address.Host, app.Address.Port);
        var stream = client.GetStream();
        var body = Encoding.UTF8.GetBytes("{\"width\":100,\"height\":100,\"strokes\":[" + new string(' ', StrokeCanvas.MaxJsonBytes) + "]}");
        const int sentFirst = 1024;
        await RawHttp.SendAsync(stream, $"POST /api/recognize HTTP/1.1\r\nHost: {app.Address.Authority}\r\nContent-Type: application/json\r\n" +
                                        $"Content-Length: {body.Length}\r\n\r\n", body[..sentFirst]);

        // Only the answer to what came can end this read; the rest of the body is sent after it, as a client does
        // that writes its whole request before it reads.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var (code, contentType, _) = await RawHttp.ReadResponseAsync(stream, guard.Token);
        Assert.Equal(413, code);
        Assert.Equal("application/problem+json", contentType);

        await RawHttp.SendAsync(stream, "", body[sentFirst..]);
        await RawHttp.SendAsync(stream, $"GET /healthz HTTP/1.1\r\nHost: {app.Address.Authority}\r\n\r\n");
        var (next, _, _) = await RawHttp.ReadResponseAsync(stream, guard.Token);
        Assert.Equal(200, next);
    }

    /// <summary>The answer to a request sent as <paramref name="request"/> (head and whatever body) on a new connection.</summary>
    private async Task<(int Code, string? ContentType, string Body)> AnswerAsync(string request)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(app.Address.Host, app.Address.Port);
        var stream = client.GetStream();
        await RawHttp.SendAsync(stream, request);
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        return await RawHttp.ReadResponseAsync(stream, guard.Token);
    }

    [Fact]
    public async Task Png_DeclaredLargerThanKestrelsOwnCap_Is413BeforeItsBodyArrives()
    {
        // Past Kestrel's 30 MB request cap as well as the canvas cap: nothing may read it, not even its PNG header.
        var (code, contentType, body) = await AnswerAsync($"POST /api/recognize HTTP/1.1\r\nHost: {app.Address.Authority}\r\nContent-Type: image/png\r\n" +
                                                          $"Content-Length: {40 * 1024 * 1024}\r\n\r\n");
        Assert.True(code == 413, $"expected 413, got {code} {body}");
        Assert.Equal("application/problem+json", contentType);
    }

    [Fact]
    public async Task BodyKestrelCannotRead_IsItsOwn400_NotTheClusterUnavailable()
    {
        // A chunked body whose second chunk size is not hex: Kestrel fails the app's read with BadHttpRequestException.
        var (code, contentType, body) = await AnswerAsync($"POST /api/recognize HTTP/1.1\r\nHost: {app.Address.Authority}\r\nContent-Type: application/json\r\n" +
                                                          "Transfer-Encoding: chunked\r\n\r\n10\r\n{\"width\":100,\"hei\r\nZZ\r\n");
        Assert.True(code == 400, $"expected 400, got {code} {body}");
        Assert.Equal("application/problem+json", contentType);
    }
}
