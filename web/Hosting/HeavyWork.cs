using System.Buffers;
using MathCluster.Hosting.Options;
using MathCluster.Web.Endpoints;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;

namespace MathCluster.Web.Hosting;

/// <summary>
/// Which canvas-work requests are heavy, by what is known before their body is read: a PNG whose header claims more
/// than Limits:HeavyCanvasPixels, a /v2 body over Limits:HeavyTensorBodyBytes, any other canvas body (stroke JSON,
/// multipart) over Limits:HeavyBodyBytes, or a body of unknown length that is not a small PNG. Heavy requests share a
/// lane of Limits:HeavyConcurrency (<see cref="AdmissionControl"/>), so however many arrive, light canvases wait
/// behind no more than that many.
/// </summary>
public static class HeavyWork
{
    private static readonly object PixelsKey = new();

    public static bool IsHeavy(HttpContext context, LimitsOptions limits)
    {
        if (!IsCanvasWork(context) || !HasBody(context)) return false;
        var request = context.Request;
        if (context.Items.TryGetValue(PixelsKey, out var pixels) && pixels is long area) return area > limits.HeavyCanvasPixels;
        long threshold = request.Path.StartsWithSegments("/v2") ? limits.HeavyTensorBodyBytes : limits.HeavyBodyBytes;
        return request.ContentLength is not { } length || length > threshold;
    }

    /// <summary>
    /// Middleware before the rate limiter: reads a PNG canvas's header (its first bytes, left in the body for the
    /// endpoint) so admission knows the pixel area the upload claims.
    /// </summary>
    public static async Task PeekCanvasHeaderAsync(HttpContext context, RequestDelegate next)
    {
        // A body declared over the canvas cap is refused unread by the endpoint; reading it here would trip Kestrel's own cap.
        if (IsCanvasWork(context) && HasBody(context) && !(context.Request.ContentLength > CanvasBody.Limit)
            && RecognizeEndpoints.IsPng(context.Request.ContentType))
        {
            var body = context.Request.BodyReader;
            var read = await body.ReadAtLeastAsync(CanvasAdmission.HeaderBytes, context.RequestAborted);
            var header = read.Buffer.Slice(0, Math.Min(read.Buffer.Length, CanvasAdmission.HeaderBytes)).ToArray();
            body.AdvanceTo(read.Buffer.Start);
            if (CanvasAdmission.Size(header) is var (width, height)) context.Items[PixelsKey] = width * height;
        }
        await next(context);
    }

    private static bool IsCanvasWork(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == AdmissionControl.CanvasPolicy;

    private static bool HasBody(HttpContext context) =>
        context.Request.ContentLength > 0
        || context.Request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true;
}
