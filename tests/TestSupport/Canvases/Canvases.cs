using MathCluster.Recognition.Imaging;

namespace MathCluster.TestSupport;

/// <summary>A glyph put on a test canvas: what it is, where its pixels went, and the box of its ink above the segmenter's threshold.</summary>
public sealed record PlacedGlyph(string Label, PixelBox Footprint, PixelBox InkBox);

/// <summary>Builds test canvases by placing glyph images left to right, like a person writing a line.</summary>
public static class Canvases
{
    /// <summary>The ink level the segmenter treats as ink (CanvasSegmenter.InkThreshold, a private constant there).</summary>
    public const float SegmenterThreshold = 0.35f;

    /// <summary>
    /// Places each glyph (cropped to its ink) left to right with <paramref name="gap"/> empty pixels between
    /// neighbouring crops, each centred on the canvas's middle line.
    /// </summary>
    /// <param name="jitter">Moves every first glyph of three up and every third down by this many pixels, so reading order cannot come from height.</param>
    public static (InkImage Canvas, IReadOnlyList<PlacedGlyph> Placed) Row(IReadOnlyList<(string Label, InkImage Glyph)> glyphs, int gap, int margin = 16, int jitter = 0)
    {
        var crops = glyphs.Select(g => (g.Label, Crop: InkScaling.CropToInk(g.Glyph))).ToList();
        int height = crops.Max(c => c.Crop.Height) + 2 * margin + 2 * jitter;
        int width = crops.Sum(c => c.Crop.Width) + gap * (crops.Count - 1) + 2 * margin;
        var canvas = new InkImage(width, height);
        var placed = new List<PlacedGlyph>();
        int x = margin;
        for (int i = 0; i < crops.Count; i++)
        {
            var (label, crop) = crops[i];
            int y = (height - crop.Height) / 2 + (i % 3 - 1) * jitter;
            canvas.DrawMax(crop, x, y);
            var inner = crop.InkBounds(SegmenterThreshold) ?? throw new ArgumentException($"Glyph '{label}' has no ink above the segmenter's threshold.");
            placed.Add(new PlacedGlyph(label, new PixelBox(x, y, crop.Width, crop.Height), inner with { X = inner.X + x, Y = inner.Y + y }));
            x += crop.Width + gap;
        }
        return (canvas, placed);
    }

    /// <summary>A data-set image scaled so its frame (28 or 45 px) becomes <paramref name="height"/> px, cropped to its ink.</summary>
    public static InkImage AtHeight(DataSet set, int index, int height) =>
        InkScaling.CropToInk(InkScaling.Scale(set.Ink(index), (float)height / set.FrameSize));

    /// <summary>The heights every picked sample is checked at (and the heights tests draw them at).</summary>
    public static readonly int[] PickHeights = [40, 80, 160];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, int, int), int> Picked = new();

    /// <summary>How many connected pieces a clean sample of the label has: ÷ three, = two, everything else one.</summary>
    public static int PartsOf(int label) => label switch { 13 => 3, 17 => 2, _ => 1 };

    /// <summary>
    /// The <paramref name="nth"/> sample of <paramref name="label"/> (in file order) whose ink, at every height in
    /// <see cref="PickHeights"/>, falls into exactly as many connected pieces above the segmenter's threshold as the
    /// symbol has (<see cref="PartsOf"/>), none smaller than 12 pixels. Samples broken up in the source data are
    /// passed over, so a test of the segmenter measures the segmenter and not the data. The choice depends on the
    /// data alone (never on a model), and is cached for the test run.
    /// </summary>
    public static int Pick(DataSet set, int label, int nth = 0) => Picked.GetOrAdd((set.Name, label, nth), _ =>
    {
        int parts = PartsOf(label), found = 0;
        foreach (int index in set.IndicesOf(label))
        {
            bool clean = PickHeights.All(h =>
            {
                var sizes = InkOps.ComponentSizes(AtHeight(set, index, h), SegmenterThreshold);
                return sizes.Length == parts && sizes.Min() >= 12;
            });
            if (clean && found++ == nth) return index;
        }
        throw new InvalidOperationException($"{set.Name} has fewer than {nth + 1} clean samples of label {label}.");
    });

    /// <summary>The picked sample, scaled to <paramref name="height"/> and cropped to its ink.</summary>
    public static InkImage Glyph(DataSet set, int label, int height, int nth = 0) => AtHeight(set, Pick(set, label, nth), height);
}
