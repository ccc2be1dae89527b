using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;

namespace MathCluster.Recognition.Imaging;

/// <summary>
/// Turns an uploaded canvas PNG into ink. Every upload is treated as hostile: the byte size and the
/// header's pixel size are checked before any pixel is decoded, and only the PNG decoder is enabled.
/// Transparent pixels are composited onto white (an HTML canvas exports black strokes on transparency);
/// any ink colour darker than the background works.
/// </summary>
public static class CanvasDecoder
{
    public const int MaxBytes = 8 * 1024 * 1024;
    public const int MaxSide = 4096;
    // Less contrast than this between background and darkest pixel is a blank canvas, not faint ink.
    private const float MinimumContrast = 40;

    // One decoded canvas at the largest size is MaxSide^2 RGBA pixels (64 MiB); nothing a PNG claims may allocate more,
    // and ancillary chunks (text, ICC, EXIF) are skipped rather than parsed.
    private static readonly Configuration PngOnly = new(new PngConfigurationModule())
    {
        MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { AllocationLimitMegabytes = MaxSide * MaxSide * 4 / (1024 * 1024) + 1 }),
    };
    private static readonly PngDecoder Decoder = new() { IgnoreMetadata = true };
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static InkImage Decode(ReadOnlySpan<byte> png)
    {
        if (png.IsEmpty) throw new CanvasImageException(CanvasImageProblem.Empty, "The image is empty (0 bytes).");
        if (png.Length > MaxBytes)
            throw new CanvasImageException(CanvasImageProblem.TooLarge, $"The image is {png.Length} bytes; at most {MaxBytes} are accepted.");
        if (!png.StartsWith(PngSignature))
            throw new CanvasImageException(CanvasImageProblem.Unreadable, "The body is not a PNG image.");

        var size = Identify(png);
        if (size.Width <= 0 || size.Height <= 0)
            throw new CanvasImageException(CanvasImageProblem.Unreadable, "The PNG has no pixels.");
        if (size.Width > MaxSide || size.Height > MaxSide)
            throw new CanvasImageException(CanvasImageProblem.TooLarge, $"The PNG is {size.Width}x{size.Height} pixels; at most {MaxSide}x{MaxSide} are accepted.");

        try
        {
            using var image = Image.Load<Rgba32>(PngOnly, png, Decoder);
            return ToInk(image);
        }
        catch (Exception e) when (e is InvalidMemoryOperationException)
        {
            throw new CanvasImageException(CanvasImageProblem.TooLarge, $"The PNG needs more memory to decode than a canvas may: {e.Message}");
        }
        catch (Exception e) when (e is ImageFormatException or InvalidImageContentException or UnknownImageFormatException or NotSupportedException or InvalidDataException)
        {
            throw new CanvasImageException(CanvasImageProblem.Unreadable, $"The PNG cannot be decoded: {e.Message}");
        }
    }

    private static Size Identify(ReadOnlySpan<byte> png)
    {
        try
        {
            using var stream = new MemoryStream(png.ToArray(), writable: false);
            var info = Image.Identify(PngOnly, stream);
            if (info is null) throw new CanvasImageException(CanvasImageProblem.Unreadable, "The PNG header cannot be read.");
            return new Size(info.Width, info.Height);
        }
        catch (Exception e) when (e is ImageFormatException or InvalidImageContentException or UnknownImageFormatException or NotSupportedException or InvalidDataException)
        {
            throw new CanvasImageException(CanvasImageProblem.Unreadable, $"The PNG header cannot be read: {e.Message}");
        }
    }

    private static InkImage ToInk(Image<Rgba32> image)
    {
        int width = image.Width, height = image.Height;
        // Every pixel is written below, so the array need not be zeroed; not pooled, so a hostile 4096x4096 upload
        // leaves no 64 MB buffer behind.
        var gray = GC.AllocateUninitializedArray<float>(width * height);
        float darkest = 255;
        for (int y = 0; y < height; y++)
        {
            var row = MemoryMarshal.Cast<Rgba32, uint>(image.DangerousGetPixelRowMemory(y).Span);
            var target = gray.AsSpan(y * width, width);
            // Canvases are mostly runs of one colour: each run is found with a vectorised search and filled at once.
            for (int x = 0; x < row.Length;)
            {
                uint packed = row[x];
                int run = row[x..].IndexOfAnyExcept(packed);
                if (run < 0) run = row.Length - x;
                float value = CompositedGray(new Rgba32 { PackedValue = packed });
                darkest = MathF.Min(darkest, value);
                target.Slice(x, run).Fill(value);
                x += run;
            }
        }

        var ink = new float[width * height];
        float background = BorderMedian(gray, width, height);
        float contrast = background - darkest;
        if (contrast >= MinimumContrast)
        {
            // The array starts blank; only pixels unlike the background need writing. Equal colours give
            // bit-identical grays, so the background is skipped by its bits with a vectorised search.
            var bits = MemoryMarshal.Cast<float, int>(gray.AsSpan());
            int backgroundBits = BitConverter.SingleToInt32Bits(background);
            for (int i = 0; i < ink.Length;)
            {
                int skip = bits[i..].IndexOfAnyExcept(backgroundBits);
                if (skip < 0) break;
                i += skip;
                ink[i] = Math.Clamp((background - gray[i]) / contrast, 0f, 1f);
                i++;
            }
        }
        return new InkImage(width, height, ink);
    }

    /// <summary>The pixel's luminance composited onto white (an HTML canvas exports ink on transparency).</summary>
    private static float CompositedGray(Rgba32 p)
    {
        float alpha = p.A / 255f;
        float luminance = 0.299f * p.R + 0.587f * p.G + 0.114f * p.B;
        return luminance * alpha + 255f * (1 - alpha);
    }

    /// <summary>The background's brightness, taken from the image border where ink rarely is.</summary>
    private static float BorderMedian(float[] gray, int width, int height)
    {
        var border = new List<float>(2 * (width + height));
        for (int x = 0; x < width; x++) { border.Add(gray[x]); border.Add(gray[(height - 1) * width + x]); }
        for (int y = 0; y < height; y++) { border.Add(gray[y * width]); border.Add(gray[y * width + width - 1]); }
        border.Sort();
        return border[border.Count / 2];
    }
}
