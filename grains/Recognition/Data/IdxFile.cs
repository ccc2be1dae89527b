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
        using var file = File.OpenRead(path);
        return ReadImages(file, path);
    }

    public static byte[] ReadLabels(string path)
    {
        using var file = File.OpenRead(path);
        return ReadLabels(file, path);
    }

    /// <summary>Reads images from a stream (gzip-compressed or not); <paramref name="name"/> names it in errors.</summary>
    public static IdxImages ReadImages(Stream source, string name)
    {
        using var stream = OpenMaybeGzip(source);
        var path = name;
        var header = ReadHeader(stream, path, ImagesMagic, 3);
        int count = header[0], rows = header[1], cols = header[2];
        if (rows <= 0 || cols <= 0 || rows > 4096 || cols > 4096) throw new IdxFormatException($"{path}: implausible image size {rows}x{cols}.");
        long bytes = (long)count * rows * cols;
        if (bytes > MaxPayloadBytes) throw new IdxFormatException($"{path}: header claims {bytes} bytes of pixels, more than allowed.");
        var pixels = new byte[bytes];
        ReadExactly(stream, pixels, path);
        return new IdxImages(count, rows, cols, pixels);
    }

    public static byte[] ReadLabels(Stream source, string name)
    {
        using var stream = OpenMaybeGzip(source);
        var path = name;
        int count = ReadHeader(stream, path, LabelsMagic, 1)[0];
        if (count > MaxPayloadBytes) throw new IdxFormatException($"{path}: header claims {count} labels, more than allowed.");
        var labels = new byte[count];
        ReadExactly(stream, labels, path);
        return labels;
    }

    /// <summary>Writes gzip-compressed IDX images (count x rows x columns bytes).</summary>
    public static void WriteImages(string path, IdxImages images)
    {
        using var file = File.Create(path);
        WriteImages(file, images);
    }

    public static void WriteLabels(string path, ReadOnlySpan<byte> labels)
    {
        using var file = File.Create(path);
        WriteLabels(file, labels);
    }

    /// <summary>Writes gzip-compressed IDX images to <paramref name="destination"/>, leaving it open.</summary>
    public static void WriteImages(Stream destination, IdxImages images)
    {
        using var stream = new GZipStream(destination, CompressionLevel.SmallestSize, leaveOpen: true);
        WriteHeader(stream, ImagesMagic, images.Count, images.Rows, images.Columns);
        stream.Write(images.Pixels);
    }

    public static void WriteLabels(Stream destination, ReadOnlySpan<byte> labels)
    {
        using var stream = new GZipStream(destination, CompressionLevel.SmallestSize, leaveOpen: true);
        WriteHeader(stream, LabelsMagic, labels.Length);
        stream.Write(labels);
    }

    private static void WriteHeader(Stream stream, int magic, params int[] dimensions)
    {
        var header = new byte[4 * (1 + dimensions.Length)];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (int i = 0; i < dimensions.Length; i++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 * (i + 1)), dimensions[i]);
        stream.Write(header);
    }

    // Seekable streams only (files, embedded resources): the gzip signature is peeked, then the stream rewound.
    private static Stream OpenMaybeGzip(Stream source)
    {
        if (!source.CanSeek) throw new ArgumentException("IDX streams must be seekable.", nameof(source));
        Span<byte> signature = stackalloc byte[2];
        int read = source.Read(signature);
        source.Position -= read;
        return read == 2 && signature[0] == 0x1f && signature[1] == 0x8b
            ? new BufferedStream(new GZipStream(source, CompressionMode.Decompress), 1 << 16)
            : source;
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
