using MathCluster.Recognition.Imaging;

namespace MathCluster.TestSupport;

/// <summary>Resizing and cropping of ink images for composing test canvases, written independently of the production normaliser.</summary>
public static class InkScaling
{
    /// <summary>
    /// Resamples to width x height: bilinear when growing; when shrinking, each target pixel averages enough
    /// bilinear samples to cover its footprint, so thin strokes fade rather than vanish.
    /// </summary>
    public static InkImage Resize(InkImage source, int width, int height)
    {
        var target = new InkImage(width, height);
        float sx = (float)source.Width / width, sy = (float)source.Height / height;
        int n = sx <= 1 && sy <= 1 ? 1 : 2 * (int)MathF.Ceiling(Math.Max(sx, sy));
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            float sum = 0;
            for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                sum += Bilinear(source, (x + (i + 0.5f) / n) * sx - 0.5f, (y + (j + 0.5f) / n) * sy - 0.5f);
            target[x, y] = sum / (n * n);
        }
        return target;
    }

    /// <summary>Scales by a factor, rounding the size to whole pixels.</summary>
    public static InkImage Scale(InkImage source, float factor) =>
        Resize(source, Math.Max(1, (int)MathF.Round(source.Width * factor)), Math.Max(1, (int)MathF.Round(source.Height * factor)));

    private static float Bilinear(InkImage s, float fx, float fy)
    {
        fx = Math.Clamp(fx, 0, s.Width - 1);
        fy = Math.Clamp(fy, 0, s.Height - 1);
        int x0 = (int)fx, y0 = (int)fy;
        int x1 = Math.Min(x0 + 1, s.Width - 1), y1 = Math.Min(y0 + 1, s.Height - 1);
        float ax = fx - x0, ay = fy - y0;
        return (s[x0, y0] * (1 - ax) + s[x1, y0] * ax) * (1 - ay) + (s[x0, y1] * (1 - ax) + s[x1, y1] * ax) * ay;
    }

    /// <summary>The image cut down to its pixels with any ink above <paramref name="threshold"/> (default: any ink at all).</summary>
    public static InkImage CropToInk(InkImage image, float threshold = 0) =>
        image.InkBounds(threshold) is { } box ? image.Crop(box) : throw new ArgumentException("The image has no ink.");
}
