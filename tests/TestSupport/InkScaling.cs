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
                sum += source.SampleBilinear((x + (i + 0.5f) / n) * sx - 0.5f, (y + (j + 0.5f) / n) * sy - 0.5f);
            target[x, y] = sum / (n * n);
        }
        return target;
    }

    /// <summary>Scales by a factor, rounding the size to whole pixels.</summary>
    public static InkImage Scale(InkImage source, float factor) =>
        Resize(source, Math.Max(1, (int)MathF.Round(source.Width * factor)), Math.Max(1, (int)MathF.Round(source.Height * factor)));

    /// <summary>The image cut down to its pixels with any ink above <paramref name="threshold"/> (default: any ink at all).</summary>
    public static InkImage CropToInk(InkImage image, float threshold = 0) =>
        image.InkBounds(threshold) is { } box ? image.Crop(box) : throw new ArgumentException("The image has no ink.");
}
