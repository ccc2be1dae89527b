using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MathCluster.Hosting.Health;
using MathCluster.Hosting.Options;
using MathCluster.Hosting.Warmup;
using MathCluster.Recognition;
using MathCluster.Web.InferenceProtocol;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry;

namespace MathCluster.Web.Hosting;

/// <summary>
/// The silo warms its reading pipeline before it turns ready (<see cref="PipelineWarmup"/>), yet a fresh web process
/// served its first 5 s at 76–85 % of its warm rate: Kestrel, routing, the endpoints, the grain call and its
/// serializers, the recognizer's worker activations and the batcher were still cold. Once the rest of readiness
/// holds, the process sends itself Warmup:Requests real requests over loopback (canvases as PNG and as strokes, a
/// batch, /v2 binary tensors of several sizes), marked by <see cref="WarmupMarking"/>; readiness turns 200 after them.
/// A process without a loopback address (an in-memory test server) has nothing to warm.
/// </summary>
public sealed class HttpWarmup(IServer server, IHostApplicationLifetime lifetime, HealthCheckService health, IOptions<WarmupOptions> options, ILogger<HttpWarmup> logger)
    : BackgroundService, IHealthCheck
{
    public const string Name = "http-warm";
    private static readonly int[] TensorBatchSizes = [1, 16, 64, 256];
    private static readonly TimeSpan ReadinessPoll = TimeSpan.FromMilliseconds(100);

    private volatile bool _warm;
    private int _sent, _failed;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_warm
            ? HealthCheckResult.Healthy("The request path has been warmed up", new Dictionary<string, object> { ["warmupRequests"] = _sent, ["warmupFailed"] = _failed })
            : HealthCheckResult.Unhealthy("Warming up the request path"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        try
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
                await started.Task.WaitAsync(stoppingToken);
            if (settings.Requests > 0 && LoopbackAddress() is { } address)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(settings.Timeout);
                await RestOfReadinessAsync(timeout.Token);
                var clock = Stopwatch.StartNew();
                await SendAsync(address, settings, timeout.Token);
                logger.LogInformation("Request path warmed up with {Requests} requests ({Failed} not answered 2xx) in {Elapsed} ms", _sent, _failed, (int)clock.ElapsedMilliseconds);
            }
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // A failed or slow warm-up only costs speed; readiness still follows the cluster and the model.
            logger.LogWarning(e, "Request path warm-up stopped after {Requests} requests; serving cold", _sent);
        }
        _warm = true;
    }

    /// <summary>The first address Kestrel listens on, as this machine reaches it (a wildcard host is 127.0.0.1).</summary>
    private Uri? LoopbackAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var bindings = addresses.Select(BindingAddress.Parse).Where(b => !b.IsUnixPipe).OrderBy(b => b.Scheme == "https").ToList();
        if (bindings.Count == 0) return null;
        var binding = bindings[0];
        string host = binding.Host is "+" or "*" or "0.0.0.0" or "[::]" or "::" ? "127.0.0.1" : binding.Host;
        return new UriBuilder(binding.Scheme, host, binding.Port).Uri;
    }

    /// <summary>The grains must answer before their path can be warmed: wait for every other readiness check.</summary>
    private async Task RestOfReadinessAsync(CancellationToken cancellationToken)
    {
        while ((await health.CheckHealthAsync(c => c.Tags.Contains(HealthTags.Ready) && c.Name != Name, cancellationToken)).Status == HealthStatus.Unhealthy)
            await Task.Delay(ReadinessPoll, cancellationToken);
    }

    private async Task SendAsync(Uri address, WarmupOptions settings, CancellationToken cancellationToken)
    {
        // Only the process's own certificate is ever met here.
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            MaxConnectionsPerServer = settings.Concurrency,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        using var http = new HttpClient(handler) { BaseAddress = address };
        http.DefaultRequestHeaders.Add(WarmupMarking.HeaderName, WarmupMarking.Key);
        var png = WarmupCanvas.ToPng();
        var strokes = StrokeJson();
        // The client's own spans are not the server's business either.
        using var suppressed = SuppressInstrumentationScope.Begin();
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.Requests),
            new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                using var request = Request(i, png, strokes);
                using var response = await http.SendAsync(request, token);
                await response.Content.CopyToAsync(Stream.Null, token);
                Interlocked.Increment(ref _sent);
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref _failed);
            });
    }

    /// <summary>Mostly PNG canvases, the most common request, then strokes, /v2 tensors and a two-part batch in turn.</summary>
    private static HttpRequestMessage Request(int i, byte[] png, byte[] strokes) => (i % 5) switch
    {
        0 or 1 => new HttpRequestMessage(HttpMethod.Post, "/api/recognize") { Content = Typed(png, "image/png") },
        2 => new HttpRequestMessage(HttpMethod.Post, "/api/recognize") { Content = Typed(strokes, Endpoints.StrokeBody.JsonContentType) },
        3 => new HttpRequestMessage(HttpMethod.Post, "/v2/models/recognizer/infer") { Content = Tensor(TensorBatchSizes[i / 5 % TensorBatchSizes.Length]) },
        _ => new HttpRequestMessage(HttpMethod.Post, "/api/batch")
        {
            Content = new MultipartFormDataContent
            {
                { Typed(png, "image/png"), "canvas", "warmup.png" },
                { Typed(strokes, Endpoints.StrokeBody.JsonContentType), "strokes", "warmup.json" },
            },
        },
    };

    private static ByteArrayContent Typed(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    private static byte[] StrokeJson() => JsonSerializer.SerializeToUtf8Bytes(new
    {
        width = WarmupCanvas.Width,
        height = WarmupCanvas.Height,
        penWidth = WarmupCanvas.PenWidth,
        strokes = WarmupCanvas.Strokes.Select(s => s.Chunk(2)).ToArray(),
    });

    /// <summary>A /v2 request with <paramref name="glyphs"/> blank glyphs as binary tensor data.</summary>
    private static ByteArrayContent Tensor(int glyphs)
    {
        int bytes = glyphs * GlyphNormalizer.PixelCount * sizeof(float);
        var header = JsonSerializer.SerializeToUtf8Bytes(new
        {
            inputs = new[] { new { name = "input", shape = new[] { glyphs, 1, GlyphNormalizer.Size, GlyphNormalizer.Size }, datatype = "FP32", parameters = new Dictionary<string, object> { [BinaryTensorData.SizeParameter] = bytes } } },
            outputs = new[] { new { name = "probabilities", parameters = new Dictionary<string, object> { [BinaryTensorData.OutputParameter] = true } } },
        });
        var body = new byte[header.Length + bytes];
        header.CopyTo(body, 0);
        var content = Typed(body, BinaryTensorData.ContentType);
        content.Headers.Add(BinaryTensorData.HeaderLengthHeader, header.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return content;
    }
}
