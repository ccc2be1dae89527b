using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace MathCluster.Web.Endpoints;

/// <summary>The checks every multipart/form-data upload starts with: the content type, its boundary and the size cap.</summary>
public static class MultipartUpload
{
    /// <summary>A reader over the body, or the problem that stops the upload before any of it is read.</summary>
    public static MultipartReader? Open(HttpContext context, long maxBytes, string what, out ProblemHttpResult? problem)
    {
        var request = context.Request;
        problem = null;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            problem = Problems.UnsupportedMediaType($"Send {what} as multipart/form-data, not '{request.ContentType ?? "(none)"}'.");
        else if (HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
            problem = Problems.BadRequest("The multipart/form-data content type has no boundary.");
        else if (request.ContentLength > maxBytes)
            problem = Problems.TooLarge($"An upload of {what} may hold at most {maxBytes} bytes.");
        else
        {
            // Kestrel's own cap (30 MB by default) would otherwise cut larger batches short.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = maxBytes;
            return new MultipartReader(boundary, request.Body);
        }
        return null;
    }
}
