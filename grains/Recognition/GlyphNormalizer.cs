using MathCluster.Recognition.Imaging;

namespace MathCluster.Recognition;

/// <summary>
/// The one path from a symbol's pixels to the model input, used by the trainer and the server alike
/// (any difference between the two is training/serving skew).
/// Output: 28x28 float32, ink 1.0 on 0.0, framed as MNIST is: the ink's bounding box scaled to fit 20x20 keeping
/// its aspect ratio (area-averaged when shrinking, so thin strokes fade instead of vanishing), its darkest pixel
/// brought to full ink, and its centre of mass put at the centre of the 28x28 field. Stroke width is left as
/// written: the trainer augments it instead (thinning every stroke to its centre line lost detail; see README).
/// </summary>
public static class GlyphNormalizer
{
    public const int Size = 28;
    public const int PixelCount = Size * Size;
    public const int FitBox = 20;

    // Faint anti-aliasing at the ink's edge does not widen its box.
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
        if (glyph.InkBounds(maxInk * RelativeInkThreshold) is not { } bounds) return;

        var (patch, width, height) = FitToBox(glyph, bounds);
        Place(patch, width, height, output);
    }

    /// <summary>The ink inside <paramref name="bounds"/> resampled so its longer side is FitBox, with its darkest pixel at 1.</summary>
    private static (float[] Patch, int Width, int Height) FitToBox(InkImage glyph, PixelBox bounds)
    {
        float scale = (float)FitBox / Math.Max(bounds.Width, bounds.Height);
        int w = Math.Clamp((int)MathF.Round(bounds.Width * scale), 1, FitBox);
        int h = Math.Clamp((int)MathF.Round(bounds.Height * scale), 1, FitBox);
        var patch = new float[w * h];
        float sx = (float)bounds.Width / w, sy = (float)bounds.Height / h;
        float peak = 0;
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
        {
            float v = sx > 1 || sy > 1
                ? AreaAverage(glyph, bounds.X, bounds.Y, x * sx, y * sy, sx, sy)
                : glyph.SampleBilinear(bounds.X + (x + 0.5f) * sx - 0.5f, bounds.Y + (y + 0.5f) * sy - 0.5f);
            patch[y * w + x] = v;
            peak = Math.Max(peak, v);
        }
        for (int i = 0; i < patch.Length; i++) patch[i] /= peak;
        return (patch, w, h);
    }

    /// <summary>
    /// Mean ink over a rectangle at (x0, y0) from the pixel (originX, originY), weighting its edge pixels by how much
    /// of them it covers. Positions are relative to the origin so that where the glyph sits on the canvas cannot
    /// change the result through float rounding.
    /// </summary>
    private static float AreaAverage(InkImage s, int originX, int originY, float x0, float y0, float w, float h)
    {
        float x1 = x0 + w, y1 = y0 + h, sum = 0;
        int xEnd = Math.Min(s.Width - originX, (int)MathF.Ceiling(x1)), yEnd = Math.Min(s.Height - originY, (int)MathF.Ceiling(y1));
        for (int y = (int)y0; y < yEnd; y++)
        {
            float wy = Math.Min(y + 1, y1) - Math.Max(y, y0);
            for (int x = (int)x0; x < xEnd; x++)
                sum += s[originX + x, originY + y] * wy * (Math.Min(x + 1, x1) - Math.Max(x, x0));
        }
        return sum / (w * h);
    }

    /// <summary>Copies the patch into the output with its centre of mass at the centre, by whole pixels, never cropping it.</summary>
    private static void Place(float[] patch, int w, int h, Span<float> output)
    {
        double mass = 0, mx = 0, my = 0;
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
        {
            float v = patch[y * w + x];
            mass += v;
            mx += v * (x + 0.5);
            my += v * (y + 0.5);
        }
        int ox = Math.Clamp((int)Math.Round(Size / 2.0 - mx / mass), 0, Size - w);
        int oy = Math.Clamp((int)Math.Round(Size / 2.0 - my / mass), 0, Size - h);
        for (int y = 0; y < h; y++)
            patch.AsSpan(y * w, w).CopyTo(output.Slice((oy + y) * Size + ox, w));
    }
}
