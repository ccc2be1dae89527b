using MathCluster.Recognition.Imaging;

namespace MathCluster.Recognition;

/// <summary>
/// The one path from a symbol's pixels to the model input, used by the trainer and the server alike
/// (any difference between the two is training/serving skew).
/// Output: 28x28 float32, ink 1.0 on 0.0. The symbol is reduced to its centre line and redrawn with a
/// fixed pen, so thin pen strokes, MNIST digits and thick canvas brushes look alike; its bounding box is
/// scaled to fit 20x20 keeping the aspect ratio, and it is centred by centre of mass.
/// </summary>
public static class GlyphNormalizer
{
    public const int Size = 28;
    public const int PixelCount = Size * Size;
    public const int FitBox = 20;
    public const float PenRadius = 1.4f;

    // The centre line is found at this resolution (longer side), fine enough for thinning to be stable.
    private const int WorkingSize = 64;
    private const float RelativeInkThreshold = 0.4f;
    private const float MinimumInk = 0.05f;

    public static float[] Normalize(InkImage glyph)
    {
        var output = new float[PixelCount];
        Normalize(glyph, output);
        return output;
    }

    /// <summary>Several glyphs normalised and packed one after another (count x 784 floats): a model's batch input.</summary>
    public static float[] NormalizeBatch(IReadOnlyList<InkImage> glyphs)
    {
        var batch = new float[glyphs.Count * PixelCount];
        for (int i = 0; i < glyphs.Count; i++) Normalize(glyphs[i], batch.AsSpan(i * PixelCount, PixelCount));
        return batch;
    }

    public static void Normalize(InkImage glyph, Span<float> output)
    {
        if (output.Length != PixelCount) throw new ArgumentException($"Output must hold {PixelCount} values.", nameof(output));
        output.Clear();

        float maxInk = 0;
        foreach (float v in glyph.Ink) maxInk = Math.Max(maxInk, v);
        if (maxInk < MinimumInk) return;
        float threshold = maxInk * RelativeInkThreshold;
        if (glyph.InkBounds(threshold) is not { } bounds) return;

        var (mask, width, height) = WorkingMask(glyph, bounds, threshold);
        StrokeSkeleton.Thin(mask, width, height);
        var points = CentreLine(mask, width, height);
        Render(points, output);
    }

    /// <summary>The ink inside <paramref name="bounds"/> as a binary mask whose longer side is WorkingSize, with a one-pixel empty border.</summary>
    private static (bool[] Mask, int Width, int Height) WorkingMask(InkImage glyph, PixelBox bounds, float threshold)
    {
        float scale = (float)WorkingSize / Math.Max(bounds.Width, bounds.Height);
        int w = Math.Max(1, (int)MathF.Round(bounds.Width * scale));
        int h = Math.Max(1, (int)MathF.Round(bounds.Height * scale));
        int stride = w + 2;
        var mask = new bool[stride * (h + 2)];
        float sx = (float)bounds.Width / w, sy = (float)bounds.Height / h;
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
        {
            // Shrinking keeps any inked source pixel so thin strokes never vanish; growing interpolates for smooth edges.
            bool ink = sx > 1 || sy > 1
                ? AnyInk(glyph, bounds.X + x * sx, bounds.Y + y * sy, sx, sy, threshold)
                : glyph.SampleBilinear(bounds.X + (x + 0.5f) * sx - 0.5f, bounds.Y + (y + 0.5f) * sy - 0.5f) > threshold;
            mask[(y + 1) * stride + x + 1] = ink;
        }
        return (mask, stride, h + 2);
    }

    private static bool AnyInk(InkImage s, float x0, float y0, float w, float h, float threshold)
    {
        int xEnd = Math.Min(s.Width, (int)MathF.Ceiling(x0 + w)), yEnd = Math.Min(s.Height, (int)MathF.Ceiling(y0 + h));
        for (int y = (int)y0; y < yEnd; y++)
        for (int x = (int)x0; x < xEnd; x++)
            if (s[x, y] > threshold) return true;
        return false;
    }

    private static List<(float X, float Y)> CentreLine(bool[] mask, int width, int height)
    {
        var points = new List<(float X, float Y)>();
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
            if (mask[y * width + x]) points.Add((x, y));
        return points;
    }

    /// <summary>Scales the centre line into the fit box, centres it by mass and draws it with an anti-aliased round pen.</summary>
    private static void Render(List<(float X, float Y)> points, Span<float> output)
    {
        if (points.Count == 0) return;
        float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue, sumX = 0, sumY = 0;
        foreach (var (x, y) in points)
        {
            minX = Math.Min(minX, x); maxX = Math.Max(maxX, x);
            minY = Math.Min(minY, y); maxY = Math.Max(maxY, y);
            sumX += x; sumY += y;
        }
        float extent = Math.Max(maxX - minX, maxY - minY);
        float scale = extent > 0 ? (FitBox - 2 * PenRadius) / extent : 0;
        float comX = (sumX / points.Count - minX) * scale, comY = (sumY / points.Count - minY) * scale;
        float lo = PenRadius + 0.5f;
        float offsetX = Math.Clamp(Size / 2f - comX, lo, Size - lo - (maxX - minX) * scale);
        float offsetY = Math.Clamp(Size / 2f - comY, lo, Size - lo - (maxY - minY) * scale);

        int reach = (int)MathF.Ceiling(PenRadius + 1);
        foreach (var (x, y) in points)
        {
            float cx = (x - minX) * scale + offsetX, cy = (y - minY) * scale + offsetY;
            int px0 = Math.Max(0, (int)(cx - reach)), px1 = Math.Min(Size - 1, (int)(cx + reach));
            int py0 = Math.Max(0, (int)(cy - reach)), py1 = Math.Min(Size - 1, (int)(cy + reach));
            for (int py = py0; py <= py1; py++)
            for (int px = px0; px <= px1; px++)
            {
                float dx = px + 0.5f - cx, dy = py + 0.5f - cy;
                float v = PenRadius + 0.5f - MathF.Sqrt(dx * dx + dy * dy);
                if (v <= 0) continue;
                ref float o = ref output[py * Size + px];
                o = Math.Max(o, Math.Min(1f, v));
            }
        }
    }
}
