using MathCluster.Recognition.Imaging;

namespace MathCluster.Recognition.Tests;

public sealed class StrokeSkeletonTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void RandomThickStrokes_ThinExactlyAsTextbookZhangSuen(int seed)
    {
        var random = new Random(seed);
        for (int round = 0; round < 50; round++)
        {
            int width = random.Next(8, 70), height = random.Next(8, 70);
            var mask = RandomStrokes(random, width, height);
            var expected = (bool[])mask.Clone();
            TextbookThin(expected, width, height);

            StrokeSkeleton.Thin(mask, width, height);

            Assert.Equal(expected, mask);
        }
    }

    [Fact]
    public void ThickBar_BecomesALineOnePixelWide()
    {
        const int width = 40, height = 14;
        var mask = new bool[width * height];
        for (int y = 3; y < 11; y++)
        for (int x = 3; x < 37; x++)
            mask[y * width + x] = true;

        StrokeSkeleton.Thin(mask, width, height);

        for (int x = 8; x < 32; x++)
            Assert.Equal(1, Enumerable.Range(0, height).Count(y => mask[y * width + x]));
    }

    /// <summary>Thick random segments on an empty one-pixel border, as GlyphNormalizer's working mask has.</summary>
    private static bool[] RandomStrokes(Random random, int width, int height)
    {
        var mask = new bool[width * height];
        for (int s = 0; s < random.Next(1, 5); s++)
        {
            float x0 = random.Next(1, width - 1), y0 = random.Next(1, height - 1), x1 = random.Next(1, width - 1), y1 = random.Next(1, height - 1);
            float radius = random.Next(1, 6) / 2f;
            for (int y = 1; y < height - 1; y++)
            for (int x = 1; x < width - 1; x++)
            {
                float dx = x1 - x0, dy = y1 - y0, length = dx * dx + dy * dy;
                float t = length == 0 ? 0 : Math.Clamp(((x - x0) * dx + (y - y0) * dy) / length, 0, 1);
                float ex = x - (x0 + t * dx), ey = y - (y0 + t * dy);
                if (ex * ex + ey * ey <= radius * radius) mask[y * width + x] = true;
            }
        }
        return mask;
    }

    /// <summary>Zhang and Suen (1984) as published: every pixel of the grid tested in each sub-iteration.</summary>
    private static void TextbookThin(bool[] mask, int width, int height)
    {
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int pass = 0; pass < 2; pass++)
            {
                var remove = new List<int>();
                for (int y = 1; y < height - 1; y++)
                for (int x = 1; x < width - 1; x++)
                {
                    int i = y * width + x;
                    if (!mask[i]) continue;
                    bool p2 = mask[i - width], p3 = mask[i - width + 1], p4 = mask[i + 1], p5 = mask[i + width + 1];
                    bool p6 = mask[i + width], p7 = mask[i + width - 1], p8 = mask[i - 1], p9 = mask[i - width - 1];
                    bool[] around = [p2, p3, p4, p5, p6, p7, p8, p9];
                    int b = around.Count(p => p);
                    int a = Enumerable.Range(0, 8).Count(k => !around[k] && around[(k + 1) % 8]);
                    bool first = pass == 0 ? !(p2 && p4 && p6) && !(p4 && p6 && p8) : !(p2 && p4 && p8) && !(p2 && p6 && p8);
                    if (b >= 2 && b <= 6 && a == 1 && first) remove.Add(i);
                }
                foreach (int i in remove) mask[i] = false;
                changed |= remove.Count > 0;
            }
        }
    }
}
