using MathCluster.TestSupport;
using MathCluster.Recognition.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace MathCluster.Recognition.Tests;

public class CanvasDecoderTests
{
    private static readonly Rgba32 White = new(255, 255, 255, 255), Black = new(0, 0, 0, 255), Transparent = new(0, 0, 0, 0);

    /// <summary>A small canvas with anti-aliased strokes: "7-1" as a person might draw it, with full-ink cores.</summary>
    private static InkImage Strokes()
    {
        var ink = new InkImage(120, 60);
        var pen = new InkPen(ink, 5);
        pen.Polyline((8, 10), (38, 10), (20, 50));
        pen.Line(50, 30, 70, 30);
        pen.Line(95, 8, 95, 52);
        return ink;
    }

    private static void AssertInkMatches(InkImage expected, InkImage actual, float tolerance)
    {
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        float worst = 0;
        for (int i = 0; i < expected.Ink.Length; i++) worst = Math.Max(worst, Math.Abs(expected.Ink[i] - actual.Ink[i]));
        Assert.True(worst <= tolerance, $"Decoded ink differs from the drawn ink by up to {worst:F4}.");
        // Background stays exactly background.
        for (int i = 0; i < expected.Ink.Length; i++)
            if (expected.Ink[i] == 0) Assert.Equal(0f, actual.Ink[i]);
    }

    [Fact]
    public void BlackInkOnOpaqueWhite_DecodesToTheDrawnInk()
    {
        var ink = Strokes();

        var decoded = CanvasDecoder.Decode(PngFiles.BlackOnWhite(ink));

        // 8-bit gray levels: half a level of rounding.
        AssertInkMatches(ink, decoded, 1 / 255f);
    }

    [Fact]
    public void BlackStrokesOnATransparentCanvas_LikeAnHtmlCanvasExport_DecodeToTheDrawnInk()
    {
        // An HTML canvas exports untouched pixels as (0,0,0,0): black, but fully transparent. They are background.
        var ink = Strokes();

        var decoded = CanvasDecoder.Decode(PngFiles.Encode(PngFiles.Paint(ink, Black, Transparent)));

        AssertInkMatches(ink, decoded, 1 / 255f);
    }

    [Fact]
    public void TransparentPixels_AreBackground_WhateverTheirColourChannelsSay()
    {
        var ink = Strokes();
        using var image = PngFiles.Paint(ink, Black, Transparent);
        // Garbage colour under alpha 0 (some editors leave it there).
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            foreach (ref var p in rows.GetRowSpan(y))
                if (p.A == 0) p = new Rgba32((byte)(y * 4), 200, 17, 0);
        });

        var decoded = CanvasDecoder.Decode(PngFiles.Encode(image.Clone()));

        AssertInkMatches(ink, decoded, 1 / 255f);
    }

    [Theory]
    [InlineData(0, 0, 255, 255, 255, 255)]      // blue ballpoint on white
    [InlineData(220, 0, 0, 255, 255, 255)]      // red on white
    [InlineData(0, 100, 0, 255, 255, 200)]      // dark green on light yellow
    [InlineData(30, 30, 30, 190, 190, 190)]     // pencil-gray on gray paper
    [InlineData(0, 0, 0, 90, 90, 90)]           // black on dark gray
    public void ColouredInk_OnAnyLighterBackground_DecodesToTheDrawnInk(byte r, byte g, byte b, byte br, byte bg, byte bb)
    {
        var ink = Strokes();

        var decoded = CanvasDecoder.Decode(PngFiles.Encode(PngFiles.Paint(ink, new Rgba32(r, g, b, 255), new Rgba32(br, bg, bb, 255))));

        // Ink level = how far a pixel is from the background towards the ink colour; byte rounding of each channel
        // over a contrast of at least ~90 levels keeps the error within 1.5%.
        AssertInkMatches(ink, decoded, 0.015f);
    }

    [Fact]
    public void Grayscale8BitPng_Decodes()
    {
        var ink = Strokes();
        var png = EncodeGray(ink, PngBitDepth.Bit8);
        Assert.Equal((8, 0), IhdrDepthAndColourType(png));

        AssertInkMatches(ink, CanvasDecoder.Decode(png), 1 / 255f);
    }

    [Fact]
    public void Grayscale16BitPng_Decodes()
    {
        var ink = Strokes();
        var png = EncodeGray(ink, PngBitDepth.Bit16);
        Assert.Equal((16, 0), IhdrDepthAndColourType(png));

        AssertInkMatches(ink, CanvasDecoder.Decode(png), 1 / 255f);
    }

    [Fact]
    public void Rgba16BitPng_Decodes()
    {
        var ink = Strokes();
        var image = new Image<Rgba64>(ink.Width, ink.Height);
        for (int y = 0; y < ink.Height; y++)
        for (int x = 0; x < ink.Width; x++)
            image[x, y] = new Rgba64(0, 0, 65535, (ushort)Math.Round(ink[x, y] * 65535));
        var png = PngFiles.Encode(image, new PngEncoder { ColorType = PngColorType.RgbWithAlpha, BitDepth = PngBitDepth.Bit16 });
        Assert.Equal((16, 6), IhdrDepthAndColourType(png));

        AssertInkMatches(ink, CanvasDecoder.Decode(png), 1 / 255f);
    }

    [Fact]
    public void GrayscaleWithAlphaPng_Decodes()
    {
        var ink = Strokes();
        var image = new Image<La16>(ink.Width, ink.Height);
        for (int y = 0; y < ink.Height; y++)
        for (int x = 0; x < ink.Width; x++)
            image[x, y] = new La16(0, (byte)Math.Round(ink[x, y] * 255));
        var png = PngFiles.Encode(image, new PngEncoder { ColorType = PngColorType.GrayscaleWithAlpha, BitDepth = PngBitDepth.Bit8 });
        Assert.Equal((8, 4), IhdrDepthAndColourType(png));

        AssertInkMatches(ink, CanvasDecoder.Decode(png), 1 / 255f);
    }

    [Fact]
    public void PalettePng_Decodes()
    {
        // Two-colour strokes (a palette cannot be trusted to keep every anti-aliasing level).
        var ink = Strokes();
        for (int i = 0; i < ink.Ink.Length; i++) ink.Ink[i] = ink.Ink[i] >= 0.5f ? 1 : 0;
        var png = PngFiles.Encode(PngFiles.Paint(ink, new Rgba32(20, 20, 120, 255), White), new PngEncoder { ColorType = PngColorType.Palette });
        Assert.Equal(3, IhdrDepthAndColourType(png).ColourType);

        AssertInkMatches(ink, CanvasDecoder.Decode(png), 0);
    }

    [Fact]
    public void InterlacedPng_Decodes()
    {
        var ink = Strokes();
        var png = PngFiles.Encode(PngFiles.Paint(ink, Black, White), new PngEncoder { ColorType = PngColorType.RgbWithAlpha, InterlaceMethod = PngInterlaceMode.Adam7 });
        Assert.Equal(1, png[PngFiles.Chunks(png)[0].Offset + 8 + 12]);

        AssertInkMatches(ink, CanvasDecoder.Decode(png), 1 / 255f);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BlankCanvas_DecodesToNoInkAtAll(bool transparent)
    {
        var png = PngFiles.Encode(PngFiles.Paint(new InkImage(300, 200), Black, transparent ? Transparent : White));

        var decoded = CanvasDecoder.Decode(png);

        Assert.Equal((300, 200), (decoded.Width, decoded.Height));
        Assert.All(decoded.Ink, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void PaperTextureWithLessThan40LevelsOfContrast_IsABlankCanvas_NotFaintInk()
    {
        var smudge = Strokes();
        // Strokes 35 gray levels below white: a smudge or paper texture, not writing.
        var png = PngFiles.Encode(PngFiles.Paint(smudge, new Rgba32(220, 220, 220, 255), White));

        Assert.All(CanvasDecoder.Decode(png).Ink, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void FaintButDeliberatePencil_50LevelsBelowWhite_IsStillInk()
    {
        var ink = Strokes();
        var png = PngFiles.Encode(PngFiles.Paint(ink, new Rgba32(205, 205, 205, 255), White));

        var decoded = CanvasDecoder.Decode(png);

        // Stretched to full ink at the darkest point; 50 levels of contrast leave about 1% of rounding per level.
        AssertInkMatches(ink, decoded, 0.02f);
    }

    [Fact]
    public void LargestAllowedSide_IsAccepted()
    {
        var ink = new InkImage(CanvasDecoder.MaxSide, 40);
        new InkPen(ink, 4).Line(10, 20, CanvasDecoder.MaxSide - 10, 20);

        var decoded = CanvasDecoder.Decode(PngFiles.BlackOnWhite(ink));

        Assert.Equal(CanvasDecoder.MaxSide, decoded.Width);
        Assert.Equal(1f, decoded[CanvasDecoder.MaxSide / 2, 20]);
    }

    [Fact]
    public void FileOfExactlyMaxBytes_IsNotRefusedForItsSize()
    {
        // A valid PNG padded after IEND up to the limit: decoders ignore trailing bytes, and the limit is inclusive.
        var png = PngFiles.BlackOnWhite(Strokes());
        var padded = new byte[CanvasDecoder.MaxBytes];
        png.CopyTo(padded, 0);

        Assert.Equal(120, CanvasDecoder.Decode(padded).Width);
    }

    public static TheoryData<string, byte[], CanvasImageProblem> Refusals()
    {
        var png = PngFiles.BlackOnWhite(Strokes());
        var idat = PngFiles.Chunks(png).First(c => c.Type == "IDAT");
        int afterIdat = idat.Offset + 12 + idat.Length;
        var iend = PngFiles.Chunk("IEND", []);

        var badCrc = (byte[])png.Clone();
        badCrc[idat.Offset + 8 + idat.Length / 2] ^= 0x5A;

        // Corrupt compressed data inside an IDAT chunk whose CRC is correct again: the CRC check passes, inflating fails.
        var corruptData = png.AsSpan(idat.Offset + 8, idat.Length).ToArray();
        corruptData[0] = 0xFF;
        corruptData[1] = 0xFF;
        var corruptIdat = PngFiles.Concat(png[..idat.Offset], PngFiles.Chunk("IDAT", corruptData), png[afterIdat..]);

        var garbage = new byte[1000];
        new Random(1234).NextBytes(garbage);

        return new TheoryData<string, byte[], CanvasImageProblem>
        {
            { "empty", [], CanvasImageProblem.Empty },
            { "random bytes", garbage, CanvasImageProblem.Unreadable },
            { "JPEG", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0], CanvasImageProblem.Unreadable },
            { "GIF", [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 255, 255, 255, 0, 0, 0, (byte)',', 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, (byte)';'], CanvasImageProblem.Unreadable },
            { "PNG signature only", PngFiles.Signature, CanvasImageProblem.Unreadable },
            { "PNG cut in the middle of IDAT", png[..(idat.Offset + 8 + idat.Length / 2)], CanvasImageProblem.Unreadable },
            { "PNG with a corrupted IDAT CRC", badCrc, CanvasImageProblem.Unreadable },
            { "PNG with corrupt compressed data", corruptIdat, CanvasImageProblem.Unreadable },
            { "PNG without IDAT", PngFiles.Concat(PngFiles.Signature, PngFiles.Ihdr(10, 10), iend), CanvasImageProblem.Unreadable },
            { "PNG of width 0", PngFiles.Concat(PngFiles.Signature, PngFiles.Ihdr(0, 10), iend), CanvasImageProblem.Unreadable },
            { "PNG of height 0", PngFiles.Concat(PngFiles.Signature, PngFiles.Ihdr(10, 0), iend), CanvasImageProblem.Unreadable },
            { "PNG with an unknown colour type", PngFiles.Concat(PngFiles.Signature, PngFiles.Ihdr(10, 10, 8, 5), iend), CanvasImageProblem.Unreadable },
            { "PNG 4097 px wide", PngFiles.Concat(PngFiles.Signature, PngFiles.Ihdr(4097, 1), iend), CanvasImageProblem.TooLarge },
            { "PNG 4097 px tall", PngFiles.Concat(PngFiles.Signature, PngFiles.Ihdr(1, 4097), iend), CanvasImageProblem.TooLarge },
        };
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Decode_BadInput_ThrowsNamingTheProblem(string what, byte[] bytes, CanvasImageProblem problem)
    {
        var error = Assert.Throws<CanvasImageException>(() => CanvasDecoder.Decode(bytes));

        Assert.True(problem == error.Problem, $"{what}: expected {problem}, got {error.Problem} ({error.Message}).");
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void HeaderClaiming20000x20000_IsRefusedAsTooLarge_WithoutAllocatingThePixels()
    {
        // 33 bytes (signature + IHDR with a correct CRC) that would decode into 1.6 GB of RGBA.
        var png = PngFiles.Concat(PngFiles.Signature, PngFiles.Ihdr(20_000, 20_000));
        Assert.Equal(33, png.Length);
        CanvasDecoder.Decode(PngFiles.BlackOnWhite(Strokes())); // warm up the decoder, so one-time setup is not counted
        long before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<CanvasImageException>(() => CanvasDecoder.Decode(png));

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(CanvasImageProblem.TooLarge, error.Problem);
        Assert.Contains("20000x20000", error.Message);
        Assert.True(allocated < 1 << 20, $"Refusing the header allocated {allocated} bytes.");
    }

    [Fact]
    public void MoreThan8MegabytesOfBytes_IsRefusedAsTooLarge()
    {
        var bytes = new byte[CanvasDecoder.MaxBytes + 1];
        PngFiles.Signature.CopyTo(bytes, 0);

        var error = Assert.Throws<CanvasImageException>(() => CanvasDecoder.Decode(bytes));

        Assert.Equal(CanvasImageProblem.TooLarge, error.Problem);
    }

    private static byte[] EncodeGray(InkImage ink, PngBitDepth depth)
    {
        var image = new Image<L16>(ink.Width, ink.Height);
        for (int y = 0; y < ink.Height; y++)
        for (int x = 0; x < ink.Width; x++)
            image[x, y] = new L16((ushort)Math.Round((1 - ink[x, y]) * 65535));
        return PngFiles.Encode(image, new PngEncoder { ColorType = PngColorType.Grayscale, BitDepth = depth });
    }

    private static (int Depth, int ColourType) IhdrDepthAndColourType(byte[] png)
    {
        var ihdr = PngFiles.Chunks(png)[0];
        Assert.Equal("IHDR", ihdr.Type);
        return (png[ihdr.Offset + 8 + 8], png[ihdr.Offset + 8 + 9]);
    }
}
