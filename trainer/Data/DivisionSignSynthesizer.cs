using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Imaging;

namespace MathCluster.Trainer.Data;

/// <summary>
/// Draws ÷ signs (a bar and two dots) with varied pens, proportions and tilt: the symbol set has only
/// about a hundred real ones, too few to learn a class a person draws with bar and dots of any size.
/// </summary>
public static class DivisionSignSynthesizer
{
    public static GlyphSet Generate(int count, int seed)
    {
        var random = new Random(seed);
        var set = new GlyphSet();
        for (int i = 0; i < count; i++) set.Add(GlyphNormalizer.Normalize(Draw(random)), SymbolClasses.IndexOf(SymbolClasses.Divide), "synthetic-division");
        return set;
    }

    public static InkImage Draw(Random random)
    {
        var image = new InkImage(96, 96);
        var pen = new InkPen(image, 2f + random.NextSingle() * 8f);
        float half = 22 + random.NextSingle() * 18;
        float cx = 48 + Jitter(random, 3), cy = 48 + Jitter(random, 3);
        float tilt = Jitter(random, 5);
        pen.Line(cx - half + Jitter(random, 3), cy - tilt, cx + half + Jitter(random, 3), cy + tilt);
        float gap = pen.Width + 6 + random.NextSingle() * half * 0.7f;
        var dotPen = new InkPen(image, pen.Width * (1f + random.NextSingle() * 1.2f));
        dotPen.Dot(cx + Jitter(random, half * 0.25f), cy - gap + Jitter(random, 2));
        dotPen.Dot(cx + Jitter(random, half * 0.25f), cy + gap + Jitter(random, 2));
        return image;
    }

    private static float Jitter(Random random, float amount) => (random.NextSingle() * 2 - 1) * amount;
}
