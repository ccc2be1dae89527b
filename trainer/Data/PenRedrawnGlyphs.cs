using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Imaging;

namespace MathCluster.Trainer.Data;

/// <summary>
/// Training glyphs (never the held-out splits) redrawn as the drawing page draws them (<see cref="PenRedraw"/>): one
/// round pen for the whole line, so a small operator's pen is thick for its size and a bracket's as thick as a digit's,
/// and a quarter of the digits in two strokes where the pen lifted. The sources' own pens (MNIST's thick, the symbol
/// sets' hairline) let the model tell a bracket from a 1 by stroke width, which a page's one pen does not allow.
/// </summary>
public static class PenRedrawnGlyphs
{
    private const float PenLiftShare = 0.25f;

    public static GlyphSet Generate(string dataDirectory, int count, int seed)
    {
        var pools = HandwritingSources.InkPools(dataDirectory, heldOut: false);
        var random = new Random(seed);
        var set = new GlyphSet();
        for (int n = 0; n < count; n++)
        {
            int label = n % SymbolClasses.Count;
            var pool = pools[label];
            var source = pool[random.Next(pool.Count)];
            if (source.InkBounds(0.2f) is not { } bounds) continue;
            var ink = source.Crop(bounds);
            string name = SymbolClasses.All[label];
            // As on a composed canvas: digits 40–90 px tall, operators 0.35–0.8 of that, one pen 5–14 % of the digit height.
            float digitHeight = 40 + 50 * random.NextSingle();
            float pen = Math.Max(2f, digitHeight * (0.05f + 0.09f * random.NextSingle()));
            bool tall = char.IsDigit(name[0]) || name is "(" or ")" or "/";
            float scale = tall ? digitHeight * (0.9f + 0.4f * random.NextSingle()) / ink.Height
                : digitHeight * (0.35f + 0.45f * random.NextSingle()) / Math.Max(ink.Width, ink.Height);
            var glyph = char.IsDigit(name[0]) && random.NextSingle() < PenLiftShare
                ? PenRedraw.RedrawWithPenLift(ink, scale, pen, random) ?? PenRedraw.Redraw(ink, scale, pen)
                : PenRedraw.Redraw(ink, scale, pen);
            set.Add(GlyphNormalizer.Normalize(glyph), label, "pen-redrawn");
        }
        return set;
    }
}
