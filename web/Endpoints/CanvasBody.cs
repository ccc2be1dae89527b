using MathCluster.Recognition.Imaging;

namespace MathCluster.Web.Endpoints;

/// <summary>Reads a canvas upload (a request body or one multipart section) without ever holding more than the allowed bytes.</summary>
public static class CanvasBody
{
    public static int Limit => CanvasDecoder.MaxBytes;

    private const int InitialCapacity = 64 * 1024;

    /// <summary>
    /// The bytes, or null when there are more than <paramref name="limit"/>. With <paramref name="drainOverflow"/> the rest
    /// is read and dropped, so the next multipart section can still be read.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? declaredLength, int limit, bool drainOverflow, CancellationToken cancellationToken)
    {
        if (declaredLength > limit && !drainOverflow) return null;
        // The buffer grows as bytes arrive: a declared length alone reserves no more than the first chunk's worth.
        using var buffer = new MemoryStream((int)Math.Clamp(declaredLength ?? InitialCapacity, 1, InitialCapacity));
        var chunk = new byte[81920];
        bool overflow = false;
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            overflow |= buffer.Length + read > limit;
            if (overflow && !drainOverflow) return null;
            if (!overflow) buffer.Write(chunk, 0, read);
        }
        return overflow ? null : buffer.ToArray();
    }
}
