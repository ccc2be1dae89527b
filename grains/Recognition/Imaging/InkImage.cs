namespace MathCluster.Recognition.Imaging;

/// <summary>
/// A grayscale image as ink intensities in [0, 1] (1 = full ink, 0 = background), row-major.
/// Every source (canvas PNGs, MNIST, the symbol sets) is converted to this before anything else,
/// so polarity is settled once.
/// </summary>
public sealed class InkImage
{
    public InkImage(int width, int height) : this(width, height, new float[checked(width * height)]) { }

    public InkImage(int width, int height, float[] ink)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (ink.Length != width * height) throw new ArgumentException($"Expected {width * height} pixels, got {ink.Length}.", nameof(ink));
        Width = width;
        Height = height;
        Ink = ink;
    }

    public int Width { get; }
    public int Height { get; }
    public float[] Ink { get; }

    public float this[int x, int y]
    {
        get => Ink[y * Width + x];
        set => Ink[y * Width + x] = value;
    }

    /// <summary>Ink at a fractional position, interpolated between the four nearest pixels (clamped at the edges).</summary>
    public float SampleBilinear(float fx, float fy)
    {
        fx = Math.Clamp(fx, 0, Width - 1);
        fy = Math.Clamp(fy, 0, Height - 1);
        int x0 = (int)fx, y0 = (int)fy;
        int x1 = Math.Min(x0 + 1, Width - 1), y1 = Math.Min(y0 + 1, Height - 1);
        float ax = fx - x0, ay = fy - y0;
        float top = this[x0, y0] * (1 - ax) + this[x1, y0] * ax;
        float bottom = this[x0, y1] * (1 - ax) + this[x1, y1] * ax;
        return top * (1 - ay) + bottom * ay;
    }

    /// <summary>Converts 8-bit gray pixels; <paramref name="darkInk"/> says whether ink is dark on a light background.</summary>
    public static InkImage FromGrayBytes(ReadOnlySpan<byte> pixels, int width, int height, bool darkInk)
    {
        var ink = new float[width * height];
        for (int i = 0; i < ink.Length; i++)
            ink[i] = darkInk ? (255 - pixels[i]) / 255f : pixels[i] / 255f;
        return new InkImage(width, height, ink);
    }

    public InkImage Crop(PixelBox box)
    {
        var crop = new InkImage(box.Width, box.Height);
        for (int y = 0; y < box.Height; y++)
            Array.Copy(Ink, (box.Y + y) * Width + box.X, crop.Ink, y * box.Width, box.Width);
        return crop;
    }

    /// <summary>Draws <paramref name="source"/> with its top-left corner at (x, y), keeping the darker ink where they overlap.</summary>
    public void DrawMax(InkImage source, int x, int y)
    {
        for (int sy = 0; sy < source.Height; sy++)
        {
            int ty = y + sy;
            if (ty < 0 || ty >= Height) continue;
            for (int sx = 0; sx < source.Width; sx++)
            {
                int tx = x + sx;
                if (tx < 0 || tx >= Width) continue;
                int i = ty * Width + tx;
                Ink[i] = Math.Max(Ink[i], source.Ink[sy * source.Width + sx]);
            }
        }
    }

    /// <summary>The tight box around pixels whose ink exceeds <paramref name="threshold"/>, or null if there are none.</summary>
    public PixelBox? InkBounds(float threshold)
    {
        int minX = Width, minY = Height, maxX = -1, maxY = -1;
        for (int y = 0; y < Height; y++)
        for (int x = 0; x < Width; x++)
        {
            if (Ink[y * Width + x] <= threshold) continue;
            if (x < minX) minX = x;
            if (x > maxX) maxX = x;
            if (y < minY) minY = y;
            if (y > maxY) maxY = y;
        }
        return maxX < 0 ? null : new PixelBox(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }
}
