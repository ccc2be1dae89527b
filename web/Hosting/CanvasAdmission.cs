using System.Buffers.Binary;
using MathCluster.Grains;

namespace MathCluster.Web.Hosting;

/// <summary>
/// The canvas pixel-area cap (Limits:MaxCanvasPixels), checked from the PNG's header before the canvas goes to the
/// cluster: a tiny upload that claims a huge image (a 27 KB grid of dots at 4096x4096) never costs a silo a decode.
/// Anything that is not a readable header goes on to the decoder, which refuses it properly.
/// </summary>
public static class CanvasAdmission
{
    /// <summary>Bytes of a PNG up to the end of its header's width and height.</summary>
    public const int HeaderBytes = 24;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> HeaderChunk => "IHDR"u8;

    public static CanvasResult? Refuse(ReadOnlySpan<byte> png, long maxPixels) =>
        Size(png) is var (width, height) && width * height > maxPixels
            ? CanvasResult.Failed(CanvasStatus.TooLarge, $"The PNG is {width}x{height} pixels ({width * height}); a canvas may have at most {maxPixels} pixels.")
            : null;

    /// <summary>Width and height from the PNG's header (its first <see cref="HeaderBytes"/> bytes), or null when they are not a PNG header.</summary>
    public static (long Width, long Height)? Size(ReadOnlySpan<byte> png)
    {
        if (png.Length < HeaderBytes || !png.StartsWith(PngSignature) || !png[12..16].SequenceEqual(HeaderChunk)) return null;
        return (BinaryPrimitives.ReadUInt32BigEndian(png[16..20]), BinaryPrimitives.ReadUInt32BigEndian(png[20..24]));
    }
}
