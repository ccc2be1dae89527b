using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MathCluster.Web.Tests.Support;

namespace MathCluster.Web.Tests;

/// <summary>
/// Hostile /v2 bodies on the real server (Kestrel, a raw socket as the client): a body is refused at the first bytes
/// that make it wrong, while the client still holds the rest of a body that announces the most JSON a request may
/// have (4 MiB), so no hostile body costs the server its declared length or waits for it.
/// </summary>
public sealed class InferenceHostileBodyTests(InferenceHostileBodyTests.KestrelApp app) : IClassFixture<InferenceHostileBodyTests.KestrelApp>
{
    private const long DeclaredLength = 4 * 1024 * 1024;

    public static TheoryData<string, string, int> HostilePrefixes() => new()
    {
        // why, the first bytes of a body that announces 64 MiB and sends no more until answered, the status
        { "a shape over the glyph cap", """{"inputs": [{"name": "input", "shape": [1000000, 784], """, 400 },
        { "data past its shape", $$"""{"inputs": [{"name": "input", "shape": [1, 784], "datatype": "FP32", "data": [{{string.Join(',', Enumerable.Repeat("0", 785))}},""", 400 },
        { "a string in data", """{"inputs": [{"name": "input", "shape": [1, 784], "datatype": "FP32", "data": [0, "0", """, 400 },
        { "data nested deeper than any shape", """{"inputs": [{"name": "input", "shape": [1, 784], "datatype": "FP32", "data": [[[[[[""", 400 },
        { "an id longer than 64 KiB", $$"""{"id": "{{new string('x', 100_000)}}""", 400 },
        { "not JSON at all", "GIF89a", 400 },
    };

    [Theory]
    [MemberData(nameof(HostilePrefixes))]
    public async Task AHostileBody_IsRefusedBeforeItsDeclaredLengthArrives(string why, string prefix, int status)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(app.Address.Host, app.Address.Port);
        var stream = client.GetStream();
        string head = $"POST /v2/models/recognizer/infer HTTP/1.1\r\nHost: {app.Address.Authority}\r\nContent-Type: application/json\r\n" +
                      $"Content-Length: {DeclaredLength.ToString(CultureInfo.InvariantCulture)}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(Encoding.UTF8.GetBytes(prefix));
        await stream.FlushAsync();

        // The rest of the body is never sent: only an answer to what came can end this read (or, so a server that
        // waits for the declared length fails the test instead of hanging it, a minute).
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var (code, contentType, body) = await RawHttp.ReadResponseAsync(stream, guard.Token);
        Assert.True(code == status, $"{why}: expected {status}, got {code} {body}");
        Assert.Equal("application/json", contentType);
        using var json = JsonDocument.Parse(body);
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("error").GetString()), why);
    }

    [Fact]
    public async Task ABodyRefusedAtItsLastValue_LeavesTheConnectionServingTheNextRequest()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(app.Address.Host, app.Address.Port);
        var stream = client.GetStream();
        var body = Encoding.UTF8.GetBytes($$"""{"inputs": [{"name": "input", "shape": [1, 784], "datatype": "FP32", "data": [{{string.Join(',', Enumerable.Repeat("0", 785))}}]}]}""");
        await RawHttp.SendAsync(stream, $"POST /v2/models/recognizer/infer HTTP/1.1\r\nHost: {app.Address.Authority}\r\nContent-Type: application/json\r\n" +
                                        $"Content-Length: {body.Length}\r\n\r\n", body);
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var (code, _, _) = await RawHttp.ReadResponseAsync(stream, guard.Token);
        Assert.Equal(400, code);

        // A keep-alive answer promises the connection: the client's next request on it must be read, not cut off.
        await RawHttp.SendAsync(stream, $"GET /healthz HTTP/1.1\r\nHost: {app.Address.Authority}\r\n\r\n");
        var (next, _, _) = await RawHttp.ReadResponseAsync(stream, guard.Token);
        Assert.Equal(200, next);
    }

    /// <summary>The web app with its embedded silo on Kestrel (127.0.0.1, a port the OS picks).</summary>
    public sealed class KestrelApp : IAsyncLifetime
    {
        private readonly MathWebFactory _factory = new();

        public Uri Address { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Address = _factory.StartOnKestrel();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await _factory.DisposeAsync();
    }
}
