namespace MathCluster.Recognition.Imaging;

/// <summary>Zhang-Suen thinning: reduces binary strokes to one-pixel-wide centre lines.</summary>
public static class StrokeSkeleton
{
    // Whether a pixel may be removed in each sub-iteration, by its 8-neighbourhood (bit k = neighbour P(k+2),
    // clockwise from north): Zhang-Suen's tests decided once per pattern instead of once per pixel.
    private static readonly bool[] RemovableInFirstPass = Table(firstPass: true), RemovableInSecondPass = Table(firstPass: false);

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
                var removable = pass == 0 ? RemovableInFirstPass : RemovableInSecondPass;
                remove.Clear();
                foreach (int i in ink)
                {
                    int code = (mask[i - width] ? 1 : 0) | (mask[i - width + 1] ? 2 : 0) | (mask[i + 1] ? 4 : 0) | (mask[i + width + 1] ? 8 : 0)
                             | (mask[i + width] ? 16 : 0) | (mask[i + width - 1] ? 32 : 0) | (mask[i - 1] ? 64 : 0) | (mask[i - width - 1] ? 128 : 0);
                    if (removable[code]) remove.Add(i);
                }
                if (remove.Count == 0) continue;
                foreach (int i in remove) mask[i] = false;
                changed = true;
                int kept = 0;
                for (int k = 0; k < ink.Count; k++)
                    if (mask[ink[k]]) ink[kept++] = ink[k];
                ink.RemoveRange(kept, ink.Count - kept);
            }
        }
    }

    private static bool[] Table(bool firstPass)
    {
        var table = new bool[256];
        for (int code = 0; code < 256; code++)
        {
            bool P(int k) => (code & (1 << (k - 2))) != 0;
            bool p2 = P(2), p3 = P(3), p4 = P(4), p5 = P(5), p6 = P(6), p7 = P(7), p8 = P(8), p9 = P(9);
            int b = System.Numerics.BitOperations.PopCount((uint)code);
            int a = (!p2 && p3 ? 1 : 0) + (!p3 && p4 ? 1 : 0) + (!p4 && p5 ? 1 : 0) + (!p5 && p6 ? 1 : 0)
                  + (!p6 && p7 ? 1 : 0) + (!p7 && p8 ? 1 : 0) + (!p8 && p9 ? 1 : 0) + (!p9 && p2 ? 1 : 0);
            bool keep = firstPass
                ? (p2 && p4 && p6) || (p4 && p6 && p8)
                : (p2 && p4 && p8) || (p2 && p6 && p8);
            table[code] = b >= 2 && b <= 6 && a == 1 && !keep;
        }
        return table;
    }
}
