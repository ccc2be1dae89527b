using System.Buffers.Binary;
using System.IO.Compression;

namespace MathCluster.Recognition.Data;

/// <summary>Thrown when an IDX file is malformed; the message says what and where.</summary>
public sealed class IdxFormatException(string message) : Exception(message);

/// <summary>Images from an IDX (MNIST format) file: count x rows x cols bytes.</summary>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels)
{
    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * Rows * Columns, Rows * Columns);
}

/// <summary>Reads IDX files (optionally gzip-compressed, detected by content), as used by MNIST and the symbol sets.</summary>
public static class IdxFile
{
    public const int ImagesMagic = 0x00000803;
    public const int LabelsMagic = 0x00000801;
    // Far above any real data set; stops a corrupt header from asking for gigabytes.
    private const long MaxPayloadBytes = 1L << 30;

    public static IdxImages ReadImages(string path)
    {
        using var stream = OpenMaybeGzip(path);
        var header = ReadHeader(stream, path, ImagesMagic, 3);
        int count = header[0], rows = header[1], cols = header[2];
        if (rows <= 0 || cols <= 0 || rows > 4096 || cols > 4096) throw new IdxFormatException($"{path}: implausible image size {rows}x{cols}.");
        long bytes = (long)count * rows * cols;
        if (bytes > MaxPayloadBytes) throw new IdxFormatException($"{path}: header claims {bytes} bytes of pixels, more than allowed.");
        var pixels = new byte[bytes];
        ReadExactly(stream, pixels, path);
        return new IdxImages(count, rows, cols, pixels);
    }

    public static byte[] ReadLabels(string path)
    {
        using var stream = OpenMaybeGzip(path);
        int count = ReadHeader(stream, path, LabelsMagic, 1)[0];
        if (count > MaxPayloadBytes) throw new IdxFormatException($"{path}: header claims {count} labels, more than allowed.");
        var labels = new byte[count];
        ReadExactly(stream, labels, path);
        return labels;
    }

    private static Stream OpenMaybeGzip(string path)
    {
        var file = File.OpenRead(path);
        Span<byte> signature = stackalloc byte[2];
        int read = file.Read(signature);
        file.Position = 0;
        return read == 2 && signature[0] == 0x1f && signature[1] == 0x8b
            ? new BufferedStream(new GZipStream(file, CompressionMode.Decompress), 1 << 16)
            : file;
    }

    private static int[] ReadHeader(Stream stream, string path, int expectedMagic, int dimensions)
    {
        var header = new byte[4 * (1 + dimensions)];
        ReadExactly(stream, header, path, "header");
        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != expectedMagic)
            throw new IdxFormatException($"{path}: wrong magic number 0x{magic:X8}, expected 0x{expectedMagic:X8}.");
        var values = new int[dimensions];
        for (int i = 0; i < dimensions; i++)
        {
            values[i] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 * (i + 1)));
            if (values[i] < 0) throw new IdxFormatException($"{path}: negative dimension {values[i]} in header.");
        }
        return values;
    }

    private static void ReadExactly(Stream stream, byte[] buffer, string path, string what = "data")
    {
        int total = 0;
        try
        {
            while (total < buffer.Length)
            {
                int n = stream.Read(buffer, total, buffer.Length - total);
                if (n == 0) break;
                total += n;
            }
        }
        catch (InvalidDataException e)
        {
            throw new IdxFormatException($"{path}: corrupt gzip stream ({e.Message}).");
        }
        if (total < buffer.Length)
            throw new IdxFormatException($"{path}: truncated {what}: expected {buffer.Length} bytes, found {total}.");
    }
}
