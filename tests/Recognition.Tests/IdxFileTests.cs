using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using MathCluster.Recognition.Data;
using MathCluster.TestSupport;

namespace MathCluster.Recognition.Tests;

public sealed class IdxFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("idx-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Three 4x5 images (rows != columns, so a swapped header would show) with distinct, position-dependent pixels.
    private static readonly byte[] SamplePixels = Enumerable.Range(0, 3 * 4 * 5).Select(i => (byte)(i * 37 % 251)).ToArray();
    private static readonly byte[] SampleLabels = [7, 0, 17, 3, 12];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_RoundTripsAFileItWrote(bool gzip)
    {
        string path = Write("images.idx", ImagesFile(3, 4, 5, SamplePixels), gzip);

        var images = IdxFile.ReadImages(path);

        Assert.Equal(3, images.Count);
        Assert.Equal(4, images.Rows);
        Assert.Equal(5, images.Columns);
        Assert.Equal(SamplePixels, images.Pixels);
        Assert.Equal(SamplePixels.AsSpan(20, 20).ToArray(), images.Image(1).ToArray());
        Assert.Equal(SamplePixels.AsSpan(40, 20).ToArray(), images.Image(2).ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadLabels_RoundTripsAFileItWrote(bool gzip)
    {
        string path = Write("labels.idx", LabelsFile(SampleLabels), gzip);

        Assert.Equal(SampleLabels, IdxFile.ReadLabels(path));
    }

    [Fact]
    public void Compression_IsDetectedByContent_NotByFileName()
    {
        string gzipWithoutExtension = Write("images.idx", ImagesFile(3, 4, 5, SamplePixels), gzip: true);
        string plainNamedGz = Write("labels.idx.gz", LabelsFile(SampleLabels), gzip: false);

        Assert.Equal(SamplePixels, IdxFile.ReadImages(gzipWithoutExtension).Pixels);
        Assert.Equal(SampleLabels, IdxFile.ReadLabels(plainNamedGz));
    }

    [Fact]
    public void ZeroImages_IsAValidEmptyFile()
    {
        var images = IdxFile.ReadImages(Write("empty.idx", ImagesFile(0, 28, 28, []), gzip: false));

        Assert.Equal(0, images.Count);
        Assert.Empty(images.Pixels);
    }

    [Theory]
    [InlineData(0, "expected 16 bytes, found 0")]
    [InlineData(1, "expected 16 bytes, found 1")]
    [InlineData(8, "expected 16 bytes, found 8")]
    [InlineData(15, "expected 16 bytes, found 15")]
    public void ReadImages_TruncatedHeader_SaysSo(int keep, string detail)
    {
        string path = Write("short.idx", ImagesFile(3, 4, 5, SamplePixels)[..keep], gzip: false);

        var error = Assert.Throws<IdxFormatException>(() => IdxFile.ReadImages(path));

        Assert.Contains("truncated header", error.Message);
        Assert.Contains(detail, error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void ReadLabels_TruncatedHeader_SaysSo()
    {
        string path = Write("short.idx", LabelsFile(SampleLabels)[..6], gzip: true);

        var error = Assert.Throws<IdxFormatException>(() => IdxFile.ReadLabels(path));

        Assert.Contains("truncated header", error.Message);
        Assert.Contains("expected 8 bytes, found 6", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_TruncatedPixels_SaysHowManyBytesAreMissing(bool gzip)
    {
        var file = ImagesFile(3, 4, 5, SamplePixels);
        string path = Write("cut.idx", file[..^1], gzip);

        var error = Assert.Throws<IdxFormatException>(() => IdxFile.ReadImages(path));

        Assert.Contains("truncated data", error.Message);
        Assert.Contains("expected 60 bytes, found 59", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadLabels_TruncatedLabels_SaysHowManyBytesAreMissing(bool gzip)
    {
        string path = Write("cut.idx", LabelsFile(SampleLabels)[..^2], gzip);

        var error = Assert.Throws<IdxFormatException>(() => IdxFile.ReadLabels(path));

        Assert.Contains("truncated data", error.Message);
        Assert.Contains("expected 5 bytes, found 3", error.Message);
    }

    [Fact]
    public void ReadImages_OfALabelsFile_ReportsTheWrongMagicNumber()
    {
        // A labels file long enough to hold an images header, so only the magic number can give it away.
        string path = Write("labels.idx", LabelsFile(new byte[64]), gzip: false);

        var error = Assert.Throws<IdxFormatException>(() => IdxFile.ReadImages(path));

        Assert.Contains("wrong magic number 0x00000801, expected 0x00000803", error.Message);
    }

    [Fact]
    public void ReadLabels_OfAnImagesFile_ReportsTheWrongMagicNumber()
    {
        string path = Write("images.idx", ImagesFile(3, 4, 5, SamplePixels), gzip: true);

        var error = Assert.Throws<IdxFormatException>(() => IdxFile.ReadLabels(path));

        Assert.Contains("wrong magic number 0x00000803, expected 0x00000801", error.Message);
    }

    [Fact]
    public void ReadImages_OfSomethingElseEntirely_ReportsTheWrongMagicNumber()
    {
        string path = Write("readme.idx", "# This is not an IDX file at all."u8.ToArray(), gzip: false);

        var error = Assert.Throws<IdxFormatException>(() => IdxFile.ReadImages(path));

        Assert.Contains("wrong magic number", error.Message);
    }

    [Fact]
    public void CorruptGzipStream_IsAFormatError_NotAnInvalidDataException()
    {
        var gzip = Gzip(ImagesFile(3, 4, 5, SamplePixels));
        // .NET writes a 10-byte gzip header; the deflate data starts right after it. 0xFF there declares a block
        // of the reserved type 3, which no inflater accepts.
        Assert.Equal(0x1f, gzip[0]);
        gzip[10] = 0xFF;
        string path = Write("corrupt.idx.gz", gzip, gzip: false);

        var error = Assert.Throws<IdxFormatException>(() => IdxFile.ReadImages(path));

        Assert.Contains("corrupt gzip stream", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void TruncatedGzipStream_IsAFormatError()
    {
        var gzip = Gzip(ImagesFile(3, 4, 5, SamplePixels));
        string path = Write("cut.idx.gz", gzip[..(gzip.Length / 2)], gzip: false);

        var error = Assert.Throws<IdxFormatException>(() => IdxFile.ReadImages(path));

        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData(int.MaxValue, 28, 28, "more than allowed")]     // ~1.7 TB of pixels
    [InlineData(2_000_000, 28, 28, "more than allowed")]        // 1.57 GB, just over the 1 GiB cap
    [InlineData(10, 100_000, 28, "implausible image size")]
    [InlineData(10, 28, 5000, "implausible image size")]
    [InlineData(10, 0, 28, "implausible image size")]
    [InlineData(10, 28, 0, "implausible image size")]
    [InlineData(-1, 28, 28, "negative dimension -1")]
    [InlineData(10, int.MinValue, 28, "negative dimension")]
    public void ReadImages_AbsurdHeader_IsRefusedBeforeAllocatingThePixels(int count, int rows, int columns, string problem)
    {
        // The header is all there is: a reader that believed it would allocate and then fail on truncation (or run out of memory).
        string path = Write("absurd.idx", ImagesFile(count, rows, columns, []), gzip: false);
        long before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<IdxFormatException>(() => IdxFile.ReadImages(path));

        Assert.Contains(problem, error.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 << 20, "The refused header still caused a large allocation.");
    }

    [Theory]
    [InlineData(int.MaxValue, "more than allowed")]
    [InlineData(-5, "negative dimension -5")]
    public void ReadLabels_AbsurdHeader_IsRefusedBeforeAllocating(int count, string problem)
    {
        string path = Write("absurd.idx", LabelsFile([], count), gzip: true);
        long before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<IdxFormatException>(() => IdxFile.ReadLabels(path));

        Assert.Contains(problem, error.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 << 20, "The refused header still caused a large allocation.");
    }

    [Fact]
    public void MissingFile_IsAFileNotFoundException()
    {
        Assert.Throws<FileNotFoundException>(() => IdxFile.ReadLabels(Path.Combine(_folder, "nope.idx")));
    }

    [SkippableFact]
    public void MnistTestSet_Has10000Digits_AndReadsBackToThePublishedFile()
    {
        var mnist = DataSet.Mnist();

        Assert.Equal(10_000, mnist.Images.Count);
        Assert.Equal(28, mnist.Images.Rows);
        Assert.Equal(28, mnist.Images.Columns);
        Assert.Equal(10_000, mnist.Labels.Length);
        Assert.All(mnist.Labels, label => Assert.InRange(label, (byte)0, (byte)9));
        // Every digit is well represented (the published test set has 892 to 1,135 of each).
        Assert.All(Enumerable.Range(0, 10), d => Assert.InRange(mnist.Labels.Count(l => l == d), 892, 1135));

        // Re-assembling the decompressed files from what was read must give the SHA-256 sums published in
        // ../shared/data/mnist/README.md: nothing was lost, reordered or altered on the way.
        var images = Concat(Header(IdxFile.ImagesMagic, 10_000, 28, 28), mnist.Images.Pixels);
        var labels = Concat(Header(IdxFile.LabelsMagic, 10_000), mnist.Labels);
        Assert.Equal("0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", Convert.ToHexStringLower(SHA256.HashData(images)));
        Assert.Equal("ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", Convert.ToHexStringLower(SHA256.HashData(labels)));
    }

    [SkippableFact]
    public void SymbolSets_HaveTheSizesAndClassCountsTheirReadmesState()
    {
        var symbols = DataSet.Symbols();
        Assert.Equal((15_352, 45, 45), (symbols.Images.Count, symbols.Images.Rows, symbols.Images.Columns));
        Assert.Equal(15_352, symbols.Labels.Length);
        Assert.Equal(15_352L * 45 * 45, symbols.Images.Pixels.LongLength);
        var expected = new Dictionary<byte, int> { [10] = 4844, [11] = 3318, [12] = 466, [13] = 107, [14] = 116, [15] = 2287, [16] = 2280, [17] = 1934 };
        Assert.Equal(expected, symbols.Labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count()));

        var bhmsds = DataSet.Bhmsds();
        Assert.Equal((20_999, 28, 28), (bhmsds.Images.Count, bhmsds.Images.Rows, bhmsds.Images.Columns));
        var counts = bhmsds.Labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14], counts.Keys.Order().Select(k => (int)k));
        Assert.Equal(1499, counts[11]);
        Assert.All(counts.Where(c => c.Key != 11), c => Assert.Equal(1500, c.Value));
    }

    private string Write(string name, byte[] content, bool gzip)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, gzip ? Gzip(content) : content);
        return path;
    }

    private static byte[] ImagesFile(int count, int rows, int columns, byte[] pixels) =>
        Concat(Header(IdxFile.ImagesMagic, count, rows, columns), pixels);

    private static byte[] LabelsFile(byte[] labels, int? count = null) =>
        Concat(Header(IdxFile.LabelsMagic, count ?? labels.Length), labels);

    private static byte[] Header(int magic, params int[] dimensions)
    {
        var header = new byte[4 * (1 + dimensions.Length)];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (int i = 0; i < dimensions.Length; i++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 * (i + 1)), dimensions[i]);
        return header;
    }

    private static byte[] Concat(byte[] a, byte[] b) => [.. a, .. b];

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(content);
        return buffer.ToArray();
    }
}
