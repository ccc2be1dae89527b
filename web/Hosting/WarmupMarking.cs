using System.Security.Cryptography;
using System.Text;
using MathCluster.Grains.Recognizers;
using Microsoft.AspNetCore.Http.Features;

namespace MathCluster.Web.Hosting;

/// <summary>
/// The requests a process sends itself to warm up (<see cref="HttpWarmup"/>) carry a key only this process knows.
/// They run the whole request path like any other, but skip the per-client limit and are neither counted in the
/// HTTP or recognizer metrics nor traced: the server span is filtered (Program's tracing), so everything below it
/// is unsampled, and the grain call carries <see cref="UnobservedCallFilter.RequestContextKey"/>.
/// </summary>
public static class WarmupMarking
{
    public const string HeaderName = "X-MathCluster-Warmup";
    /// <summary>This process's key; it never leaves the process.</summary>
    public static readonly string Key = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private static readonly byte[] KeyBytes = Encoding.ASCII.GetBytes(Key);

    public static bool IsWarmup(HttpContext context) =>
        context.Request.Headers.TryGetValue(HeaderName, out var value) && value.Count == 1
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(value.ToString()), KeyBytes);

    /// <summary>First in the pipeline, so every later stage sees the mark.</summary>
    public static IApplicationBuilder UseWarmupMarking(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsWarmup(context))
        {
            if (context.Features.Get<IHttpMetricsTagsFeature>() is { } metrics) metrics.MetricsDisabled = true;
            RequestContext.Set(UnobservedCallFilter.RequestContextKey, true);
        }
        await next(context);
    });
}
