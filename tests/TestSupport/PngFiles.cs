using System.Buffers.Binary;
using System.Text;
using MathCluster.Recognition.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace MathCluster.TestSupport;

/// <summary>PNG inputs for decoder and pipeline tests: rendered from ink with ImageSharp, or assembled chunk by chunk.</summary>
public static class PngFiles
{
    public static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Paints ink of <paramref name="inkColour"/> over <paramref name="background"/> (both may be transparent), ink level as coverage.</summary>
    public static Image<Rgba32> Paint(InkImage ink, Rgba32 inkColour, Rgba32 background)
    {
        var image = new Image<Rgba32>(ink.Width, ink.Height);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < ink.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (int x = 0; x < ink.Width; x++) row[x] = Over(inkColour, background, ink[x, y]);
            }
        });
        return image;
    }

    /// <summary>Black ink on transparent pixels, as an HTML canvas exports it.</summary>
    public static byte[] TransparentInk(InkImage ink) => Encode(Paint(ink, new Rgba32(0, 0, 0, 255), new Rgba32(0, 0, 0, 0)));

    /// <summary>
    /// A structurally valid PNG whose header claims <paramref name="width"/> x <paramref name="height"/> RGBA pixels
    /// (correct CRCs) with an empty IDAT: a few dozen bytes that lie about the size.
    /// </summary>
    public static byte[] WithHeader(int width, int height) =>
        Concat(Signature, Ihdr((uint)width, (uint)height), Chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]), Chunk("IEND", []));

    /// <summary>Black ink on opaque white, as a 32-bit RGBA PNG.</summary>
    public static byte[] BlackOnWhite(InkImage ink) => Encode(Paint(ink, new Rgba32(0, 0, 0, 255), new Rgba32(255, 255, 255, 255)));

    public static byte[] Encode<TPixel>(Image<TPixel> image, PngEncoder? encoder = null) where TPixel : unmanaged, IPixel<TPixel>
    {
        using (image)
        {
            using var stream = new MemoryStream();
            image.SaveAsPng(stream, encoder ?? new PngEncoder { ColorType = PngColorType.RgbWithAlpha });
            return stream.ToArray();
        }
    }

    // Source-over compositing of the ink colour at the given coverage onto the background, straight (not premultiplied) alpha.
    private static Rgba32 Over(Rgba32 ink, Rgba32 background, float coverage)
    {
        float ia = ink.A / 255f * coverage, ba = background.A / 255f;
        float a = ia + ba * (1 - ia);
        if (a <= 0) return new Rgba32(0, 0, 0, 0);
        byte Mix(byte i, byte b) => (byte)Math.Round((i * ia + b * ba * (1 - ia)) / a);
        return new Rgba32(Mix(ink.R, background.R), Mix(ink.G, background.G), Mix(ink.B, background.B), (byte)Math.Round(a * 255));
    }

    /// <summary>One PNG chunk: length, type, data and a correct CRC-32 over type and data.</summary>
    public static byte[] Chunk(string type, ReadOnlySpan<byte> data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type, chunk.AsSpan(4, 4));
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>An IHDR chunk; colour type 6 is 8-bit RGBA, 0 grayscale.</summary>
    public static byte[] Ihdr(uint width, uint height, byte bitDepth = 8, byte colourType = 6)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(data, width);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(4), height);
        data[8] = bitDepth;
        data[9] = colourType;
        // compression 0, filter 0, interlace 0
        return Chunk("IHDR", data);
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>The chunks of a PNG file in order: offset of the chunk's length field, type and data length.</summary>
    public static List<(int Offset, string Type, int Length)> Chunks(byte[] png)
    {
        var chunks = new List<(int, string, int)>();
        for (int offset = Signature.Length; offset + 8 <= png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            chunks.Add((offset, Encoding.ASCII.GetString(png, offset + 4, 4), length));
            offset += 12 + length;
        }
        return chunks;
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        uint c = (uint)n;
        for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint c = 0xFFFFFFFFu;
        foreach (byte b in bytes) c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }
}
