using MathCluster.Recognition.Imaging;

namespace MathCluster.Recognition.Segmentation;

/// <summary>Labels 8-connected ink regions with an iterative flood fill (no recursion, so huge blobs are safe).</summary>
internal static class ConnectedComponents
{
    /// <summary>Components of pixels with ink above <paramref name="threshold"/>; <paramref name="labels"/> gets each pixel's label (0 = background).</summary>
    public static List<InkComponent> Find(InkImage image, float threshold, out int[] labels)
    {
        int width = image.Width, height = image.Height;
        labels = new int[width * height];
        var components = new List<InkComponent>();
        var stack = new Stack<int>();
        int next = 0;
        for (int start = 0; start < labels.Length; start++)
        {
            if (labels[start] != 0 || image.Ink[start] <= threshold) continue;
            int label = ++next;
            int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1, count = 0;
            labels[start] = label;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int p = stack.Pop();
                int x = p % width, y = p / width;
                count++;
                if (x < minX) minX = x;
                if (x > maxX) maxX = x;
                if (y < minY) minY = y;
                if (y > maxY) maxY = y;
                for (int dy = -1; dy <= 1; dy++)
                {
                    int ny = y + dy;
                    if (ny < 0 || ny >= height) continue;
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int nx = x + dx;
                        if (nx < 0 || nx >= width) continue;
                        int q = ny * width + nx;
                        if (labels[q] != 0 || image.Ink[q] <= threshold) continue;
                        labels[q] = label;
                        stack.Push(q);
                    }
                }
            }
            components.Add(new InkComponent(label, new PixelBox(minX, minY, maxX - minX + 1, maxY - minY + 1), count));
        }
        return components;
    }
}
