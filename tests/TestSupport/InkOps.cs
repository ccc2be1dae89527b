using MathCluster.Recognition.Imaging;

namespace MathCluster.TestSupport;

/// <summary>
/// Test-side image helpers, written independently of the production code they help to check
/// (the component counter here is not the segmenter's, so a test does not grade the segmenter with itself).
/// </summary>
public static class InkOps
{
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
