using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace MathCluster.Web.InferenceProtocol;

/// <summary>
/// A request body in one pooled buffer, read without ever holding more than the cap (413 beyond it), so large
/// tensor uploads cost one copy and no garbage.
/// </summary>
public sealed class PooledRequestBody : IDisposable
{
    // The buffer grows (doubling) as bytes arrive; a declared Content-Length reserves at most this much up front,
    // so a client that announces 64 MiB and sends nothing holds 1 MiB, not 64.
    private const int UnknownLengthStart = 64 * 1024;
    private const int MaxUpFront = 1024 * 1024;

    private byte[]? _buffer;

    private PooledRequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(PooledRequestBody))).AsMemory(0, Length);

    public static async Task<PooledRequestBody> ReadAsync(HttpRequest request, int cap, CancellationToken cancellationToken)
    {
        if (request.ContentLength > cap) throw TooLarge(cap);

        // Kestrel's own limit (30 MB by default) would cut off legal bodies; enforce exactly this cap instead.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
            sizeLimit.MaxRequestBodySize = cap;

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(request.ContentLength ?? UnknownLengthStart, 1, MaxUpFront));
        int total = 0;
        try
        {
            while (true)
            {
                int room = Math.Min(buffer.Length, cap);
                if (total == room)
                {
                    if (room == cap)
                    {
                        // Full at the cap: one more byte means the body is over it.
                        if (await request.Body.ReadAsync(new byte[1], cancellationToken) > 0) throw TooLarge(cap);
                        break;
                    }
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(2L * buffer.Length, cap));
                    buffer.AsSpan(0, total).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                    continue;
                }
                int read = await request.Body.ReadAsync(buffer.AsMemory(total, room - total), cancellationToken);
                if (read == 0) break;
                total += read;
            }
            return new PooledRequestBody(buffer, total);
        }
        catch (Exception e)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (e is BadHttpRequestException bad)
                throw new InferenceProtocolException(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge(cap).Message : $"The request body cannot be read: {bad.Message}");
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer) ArrayPool<byte>.Shared.Return(buffer);
    }

    private static InferenceProtocolException TooLarge(int cap) =>
        InferenceProtocolException.TooLarge($"The request body is larger than {cap} bytes; send at most {InferenceLimits.MaxGlyphs} glyphs per request, as binary tensor data for large batches.");
}
