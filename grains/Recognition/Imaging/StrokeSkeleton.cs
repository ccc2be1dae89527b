namespace MathCluster.Recognition.Imaging;

/// <summary>Zhang-Suen thinning: reduces binary strokes to one-pixel-wide centre lines.</summary>
public static class StrokeSkeleton
{
    /// <summary>Thins <paramref name="mask"/> (width x height, true = ink) in place.</summary>
    public static void Thin(bool[] mask, int width, int height)
    {
        // Only ink pixels can be removed, so each pass visits those alone rather than the whole grid; removals
        // still take effect at the end of a pass, which keeps the result exactly Zhang-Suen's.
        var ink = new List<int>();
        for (int y = 1; y < height - 1; y++)
        for (int x = 1; x < width - 1; x++)
            if (mask[y * width + x]) ink.Add(y * width + x);
        var remove = new List<int>();
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int pass = 0; pass < 2; pass++)
            {
                remove.Clear();
                foreach (int i in ink)
                {
                    if (!mask[i]) continue;
                    // Neighbours P2..P9 clockwise from north.
                    bool p2 = mask[i - width], p3 = mask[i - width + 1], p4 = mask[i + 1], p5 = mask[i + width + 1];
                    bool p6 = mask[i + width], p7 = mask[i + width - 1], p8 = mask[i - 1], p9 = mask[i - width - 1];
                    int b = (p2 ? 1 : 0) + (p3 ? 1 : 0) + (p4 ? 1 : 0) + (p5 ? 1 : 0) + (p6 ? 1 : 0) + (p7 ? 1 : 0) + (p8 ? 1 : 0) + (p9 ? 1 : 0);
                    if (b < 2 || b > 6) continue;
                    int a = (!p2 && p3 ? 1 : 0) + (!p3 && p4 ? 1 : 0) + (!p4 && p5 ? 1 : 0) + (!p5 && p6 ? 1 : 0)
                          + (!p6 && p7 ? 1 : 0) + (!p7 && p8 ? 1 : 0) + (!p8 && p9 ? 1 : 0) + (!p9 && p2 ? 1 : 0);
                    if (a != 1) continue;
                    bool keep = pass == 0
                        ? (p2 && p4 && p6) || (p4 && p6 && p8)
                        : (p2 && p4 && p8) || (p2 && p6 && p8);
                    if (!keep) remove.Add(i);
                }
                foreach (int i in remove) mask[i] = false;
                if (remove.Count > 0)
                {
                    changed = true;
                    ink.RemoveAll(i => !mask[i]);
                }
            }
        }
    }
}
