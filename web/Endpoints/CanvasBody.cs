using MathCluster.Recognition.Imaging;

namespace MathCluster.Web.Endpoints;

/// <summary>Reads a request body into memory without ever holding more than the allowed bytes.</summary>
public static class CanvasBody
{
    /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes (a 413).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;
        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 64 * 1024);
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static int Limit => CanvasDecoder.MaxBytes;
}
