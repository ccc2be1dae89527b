using System.Globalization;
using System.Threading.RateLimiting;
using MathCluster.Hosting.Options;
using MathCluster.Web.Admin;
using MathCluster.Web.Endpoints;
using MathCluster.Web.InferenceProtocol;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MathCluster.Web.Hosting;

/// <summary>
/// Admission control in front of the routes (Microsoft.AspNetCore.RateLimiting): canvas and tensor work runs at most
/// Limits:CanvasConcurrency at once with a short queue (Limits:CanvasQueue), and each client (by address, or by the
/// admin token it presents) has a token bucket when Limits:ClientRequestsPerSecond is set, and heavy canvas work
/// (<see cref="HeavyWork"/>) must first get one of Limits:HeavyConcurrency permits of its own lane (queue
/// Limits:HeavyQueue), so floods of large inputs cannot fill the canvas slots. Beyond any of them, 429 with
/// Retry-After: problem details, or the protocol's {"error"} on /v2.
/// </summary>
public static class AdmissionControl
{
    public const string CanvasPolicy = "canvas-work";
    private const string HeavyLane = "heavy-work";
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);
    private const long LargestBodyBytes = InferenceLimits.MaxBodyBytes > BatchEndpoints.MaxBytes ? InferenceLimits.MaxBodyBytes : BatchEndpoints.MaxBytes;

    public static IServiceCollection AddAdmissionControl(this IServiceCollection services) => services.AddRateLimiter(options =>
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        var clients = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var limits = Limits(context);
            if (limits.ClientRequestsPerSecond == 0 || WarmupMarking.IsWarmup(context)) return RateLimitPartition.GetNoLimiter("unlimited");
            return RateLimitPartition.GetTokenBucketLimiter(ClientOf(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.ClientBurst,
                TokensPerPeriod = limits.ClientRequestsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        // Heavy requests take a permit of their lane before they queue for a canvas slot with everything else.
        var heavyLane = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var limits = Limits(context);
            if (!HeavyWork.IsHeavy(context, limits)) return RateLimitPartition.GetNoLimiter("light");
            return RateLimitPartition.GetConcurrencyLimiter(HeavyLane, _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = limits.HeavyConcurrency,
                QueueLimit = limits.HeavyQueue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        });
        options.GlobalLimiter = PartitionedRateLimiter.CreateChained(clients, heavyLane);
        options.AddPolicy(CanvasPolicy, context =>
        {
            var limits = Limits(context);
            return RateLimitPartition.GetConcurrencyLimiter(CanvasPolicy, _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = limits.EffectiveCanvasConcurrency,
                QueueLimit = limits.CanvasQueue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        });
        options.OnRejected = RejectAsync;
    });

    /// <summary>Admission in the pipeline: the PNG header look-up <see cref="HeavyWork"/> needs, then the limiters.</summary>
    public static IApplicationBuilder UseAdmissionControl(this IApplicationBuilder app) => app.Use(HeavyWork.PeekCanvasHeaderAsync).UseRateLimiter();

    /// <summary>The admin token's holder is one client wherever it calls from; everyone else is their address.</summary>
    private static string ClientOf(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && context.RequestServices.GetRequiredService<AdminToken>().Matches(header["Bearer ".Length..].Trim()))
            return "admin-token";
        return "address:" + WrongTokenThrottle.ClientOf(context);
    }

    private static LimitsOptions Limits(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value;

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : DefaultRetryAfter;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        // Kestrel drains an unread body after the answer so the connection lives on; with its own 30 MB cap it would
        // cut off a legal /v2 or batch body mid-send instead, and the client would see a broken connection, not the 429.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false, MaxRequestBodySize: < LargestBodyBytes } bodySize)
            bodySize.MaxRequestBodySize = LargestBodyBytes;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        const string detail = "The server is at its limit for this client, for canvas work or for large inputs; try again after Retry-After seconds.";
        if (context.Request.Path.StartsWithSegments("/v2"))
        {
            await context.Response.WriteAsJsonAsync(new InferenceProtocol.ProtocolError(detail), cancellationToken);
            return;
        }
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = detail },
        });
    }
}
