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
    public const string SourceName = "pen-redrawn";

    /// <summary><paramref name="count"/> glyphs, the same number of every class.</summary>
    public static GlyphSet Generate(string dataDirectory, int count, int seed) =>
        Generate(HandwritingSources.InkPools(dataDirectory, heldOut: false), (label, _) => count / SymbolClasses.Count + (label < count % SymbolClasses.Count ? 1 : 0), seed);

    /// <summary>
    /// A redrawn copy of <paramref name="share"/> of every class's training glyphs: the same share in every class, so the
    /// page's pen look says nothing about the class (a larger share in brackets than in 1s teaches that a uniform
    /// pen stroke is a bracket). At most <paramref name="maxPerClass"/> per class, for quick runs.
    /// </summary>
    public static GlyphSet GenerateShare(string dataDirectory, double share, int seed, int? maxPerClass = null) =>
        Generate(HandwritingSources.InkPools(dataDirectory, heldOut: false), (_, poolSize) => Math.Min((int)Math.Round(poolSize * share), maxPerClass ?? int.MaxValue), seed);

    /// <summary>
    /// The first <paramref name="limit"/> (default: all) glyphs of <paramref name="raw"/>, each redrawn once as the page
    /// draws: a test set of the glyph model on the page's ink, which the composed canvases are made of.
    /// </summary>
    public static GlyphSet RedrawEach(HandwritingSources.RawSource raw, int seed, int? limit = null)
    {
        int n = limit is { } cap ? Math.Min(cap, raw.Labels.Count) : raw.Labels.Count;
        var glyphs = new float[]?[n];
        Parallel.For(0, n, i =>
        {
            if (Redraw(raw.Images[i], SymbolClasses.All[raw.Labels[i]], new Random(seed * 7919 + i)) is { } glyph)
                glyphs[i] = GlyphNormalizer.Normalize(glyph);
        });
        var set = new GlyphSet();
        for (int i = 0; i < n; i++)
            if (glyphs[i] is { } glyph) set.Add(glyph, raw.Labels[i], SourceName);
        return set;
    }

    private static GlyphSet Generate(List<InkImage>[] pools, Func<int, int, int> countOf, int seed)
    {
        var perClass = new GlyphSet[pools.Length];
        Parallel.For(0, pools.Length, label =>
        {
            var random = new Random(seed * 31 + label);
            var set = perClass[label] = new GlyphSet();
            var pool = pools[label];
            if (pool.Count == 0) return;
            int count = countOf(label, pool.Count);
            for (int n = 0; n < count; n++)
                if (Redraw(pool[random.Next(pool.Count)], SymbolClasses.All[label], random) is { } glyph)
                    set.Add(GlyphNormalizer.Normalize(glyph), label, SourceName);
        });
        var all = new GlyphSet();
        foreach (var set in perClass) all.AddRange(set);
        return all;
    }

    private static InkImage? Redraw(InkImage source, string name, Random random)
    {
        if (source.InkBounds(0.2f) is not { } bounds) return null;
        var ink = source.Crop(bounds);
        // As on a composed canvas: digits 40–90 px tall, operators 0.35–0.8 of that, one pen 5–14 % of the digit height.
        float digitHeight = 40 + 50 * random.NextSingle();
        float pen = Math.Max(2f, digitHeight * (0.05f + 0.09f * random.NextSingle()));
        bool tall = char.IsDigit(name[0]) || name is "(" or ")" or "/";
        float scale = tall ? digitHeight * (0.9f + 0.4f * random.NextSingle()) / ink.Height
            : digitHeight * (0.35f + 0.45f * random.NextSingle()) / Math.Max(ink.Width, ink.Height);
        var drawing = char.IsDigit(name[0]) && random.NextSingle() < PenLiftShare
            ? PenRedraw.RedrawWithPenLift(ink, scale, pen, random) ?? PenRedraw.Redraw(ink, scale, pen)
            : PenRedraw.Redraw(ink, scale, pen);
        return drawing.Ink;
    }
}
