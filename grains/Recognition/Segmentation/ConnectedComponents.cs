using System.Runtime.InteropServices;
using MathCluster.Recognition.Imaging;

namespace MathCluster.Recognition.Segmentation;

/// <summary>Labels 8-connected ink regions with an iterative flood fill (no recursion, so huge blobs are safe).</summary>
internal static class ConnectedComponents
{
    /// <summary>
    /// Ink components (specks included) one canvas may have: far more than any legal canvas's symbols and crumbs, far
    /// fewer than a hostile grid of dots holds.
    /// </summary>
    public const int DefaultMaxComponents = CanvasSegmenter.MaxSymbols * 64;

    /// <summary>
    /// Components of pixels with ink above <paramref name="threshold"/>; <paramref name="labels"/> gets each pixel's label (0 = background).
    /// Stops at the first component past <paramref name="maxComponents"/> (never returning a partial labelling), so a
    /// grid of a million dots costs no more than a legal canvas.
    /// </summary>
    /// <exception cref="TooManySymbolsException">More than <paramref name="maxComponents"/> components.</exception>
    public static List<InkComponent> Find(InkImage image, float threshold, out int[] labels, int maxComponents = DefaultMaxComponents)
    {
        int width = image.Width, height = image.Height;
        var ink = image.Ink;
        labels = new int[ink.Length];
        var components = new List<InkComponent>();
        // Pixels are pushed as (x, y) pairs so the fill never divides.
        var stack = new Stack<(int X, int Y)>();
        int next = 0;
        // Blank canvas is exactly 0 (all bits clear): whole stretches of it are skipped with a vectorised search.
        var bits = MemoryMarshal.Cast<float, int>(ink.AsSpan());
        for (int start = 0; start < labels.Length; start++)
        {
            if (bits[start] == 0)
            {
                int skip = bits[start..].IndexOfAnyExcept(0);
                if (skip < 0) break;
                start += skip;
            }
            if (labels[start] != 0 || ink[start] <= threshold) continue;
            int label = ++next;
            int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1, count = 0;
            labels[start] = label;
            stack.Push((start % width, start / width));
            while (stack.TryPop(out var p))
            {
                var (x, y) = p;
                count++;
                if (x < minX) minX = x;
                if (x > maxX) maxX = x;
                if (y < minY) minY = y;
                if (y > maxY) maxY = y;
                int y0 = Math.Max(0, y - 1), y1 = Math.Min(height - 1, y + 1);
                int x0 = Math.Max(0, x - 1), x1 = Math.Min(width - 1, x + 1);
                for (int ny = y0; ny <= y1; ny++)
                {
                    int row = ny * width;
                    for (int nx = x0; nx <= x1; nx++)
                    {
                        int q = row + nx;
                        if (labels[q] != 0 || ink[q] <= threshold) continue;
                        labels[q] = label;
                        stack.Push((nx, ny));
                    }
                }
            }
            components.Add(new InkComponent(label, new PixelBox(minX, minY, maxX - minX + 1, maxY - minY + 1), count));
            if (components.Count > maxComponents) throw new TooManySymbolsException(components.Count, CanvasSegmenter.MaxSymbols);
        }
        return components;
    }
}
