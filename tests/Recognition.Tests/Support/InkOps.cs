using MathCluster.Recognition.Imaging;

namespace MathCluster.Recognition.Tests.Support;

/// <summary>
/// Test-side image helpers, written independently of the production code they help to check
/// (the component counter here is not the segmenter's, so a test does not grade the segmenter with itself).
/// </summary>
internal static class InkOps
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

    /// <summary>Pixel counts of the 8-connected regions with ink above <paramref name="threshold"/>, largest first.</summary>
    public static int[] ComponentSizes(InkImage image, float threshold)
    {
        var seen = new bool[image.Ink.Length];
        var sizes = new List<int>();
        var queue = new Queue<int>();
        for (int start = 0; start < seen.Length; start++)
        {
            if (seen[start] || image.Ink[start] <= threshold) continue;
            int size = 0;
            seen[start] = true;
            queue.Enqueue(start);
            while (queue.TryDequeue(out int p))
            {
                size++;
                int px = p % image.Width, py = p / image.Width;
                for (int y = Math.Max(0, py - 1); y <= Math.Min(image.Height - 1, py + 1); y++)
                for (int x = Math.Max(0, px - 1); x <= Math.Min(image.Width - 1, px + 1); x++)
                {
                    int q = y * image.Width + x;
                    if (seen[q] || image.Ink[q] <= threshold) continue;
                    seen[q] = true;
                    queue.Enqueue(q);
                }
            }
            sizes.Add(size);
        }
        return sizes.OrderDescending().ToArray();
    }

    /// <summary>Ink-weighted centre of mass of a square size x size image, in pixel coordinates where pixel i covers [i, i+1).</summary>
    public static (double X, double Y) CenterOfMass(ReadOnlySpan<float> pixels, int size)
    {
        double sum = 0, sx = 0, sy = 0;
        for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++)
        {
            float v = pixels[y * size + x];
            sum += v;
            sx += v * (x + 0.5);
            sy += v * (y + 0.5);
        }
        return (sx / sum, sy / sum);
    }

    /// <summary>Bounding box of values above <paramref name="threshold"/> in a square image, as (x, y, width, height).</summary>
    public static PixelBox? Bounds(ReadOnlySpan<float> pixels, int size, float threshold) =>
        new InkImage(size, size, pixels.ToArray()).InkBounds(threshold);

    public static double MeanAbsoluteDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("Lengths differ.");
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += Math.Abs(a[i] - b[i]);
        return sum / a.Length;
    }

    /// <summary>Pearson correlation of two equally long vectors.</summary>
    public static double Correlation(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("Lengths differ.");
        double ma = 0, mb = 0;
        for (int i = 0; i < a.Length; i++) { ma += a[i]; mb += b[i]; }
        ma /= a.Length;
        mb /= b.Length;
        double cov = 0, va = 0, vb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double da = a[i] - ma, db = b[i] - mb;
            cov += da * db;
            va += da * da;
            vb += db * db;
        }
        return cov / Math.Sqrt(va * vb);
    }
}
