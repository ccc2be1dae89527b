using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Segmentation;
using MathCluster.TestSupport;

namespace MathCluster.Recognition.Tests.Segmentation;

/// <summary>
/// A 1 written so close to a wide 7 that the 7's bar runs into its stem: one ink component, whose two symbols meet a
/// fifth of the way in, not in its middle.
/// </summary>
public class TouchingSymbolCutterTests
{
    private static StrokeLine OneTouchingSeven(bool one = true, bool seven = true)
    {
        var line = new StrokeLine();
        line = one ? line.Tall(StrokeLine.One, 0.4f, gap: -0.15f) : line.Add([], 0.4f, 1, 0, -0.15f);
        return seven ? line.Tall(StrokeLine.Seven, 1f) : line;
    }

    [Fact]
    public void OneOfTheCuts_PartsTheOneFromTheSeven_WhereTheyMeet()
    {
        var ink = CanvasSegmenter.Atoms(OneTouchingSeven().ToInk());
        var group = Assert.Single(CanvasSegmenter.Group(ink));
        var one = OneTouchingSeven(seven: false).ToInk();
        var seven = OneTouchingSeven(one: false).ToInk();

        var cuts = TouchingSymbolCutter.Cuts(ink, group, LineMetrics.Of([group]));

        Assert.InRange(cuts.Count, 1, 3);
        Assert.Contains(cuts, cut =>
            Share(ink, cut.Left, one) > 0.97 && Share(ink, cut.Left, seven) < 0.03 &&
            Share(ink, cut.Right, seven) > 0.97 && Share(ink, cut.Right, one) < 0.03);
        // The parts share the whole's one atom; the key that caches each candidate's labels must still tell them apart.
        Assert.Equal(2 * cuts.Count, cuts.SelectMany(c => new[] { c.Left.Key, c.Right.Key }).Distinct().Count());
    }

    [Fact]
    public void ANarrowComponent_IsNeverCut()
    {
        var ink = CanvasSegmenter.Atoms(new StrokeLine().Tall(StrokeLine.Seven).ToInk());
        var group = Assert.Single(CanvasSegmenter.Group(ink));

        Assert.Empty(TouchingSymbolCutter.Cuts(ink, group, LineMetrics.Of([group])));
    }

    /// <summary>The share of <paramref name="truth"/>'s ink (a whole-canvas image) that the cut part holds.</summary>
    private static double Share(CanvasInk ink, SymbolGroup part, InkImage truth)
    {
        var drawn = ink.Draw(part.Atoms, part.Box);
        double held = 0, all = 0;
        for (int y = 0; y < truth.Height; y++)
        for (int x = 0; x < truth.Width; x++)
        {
            if (truth.Ink[y * truth.Width + x] < 0.5f) continue;
            all += 1;
            int px = x - part.Box.X, py = y - part.Box.Y;
            if (px >= 0 && py >= 0 && px < drawn.Width && py < drawn.Height && drawn.Ink[py * drawn.Width + px] > 0) held += 1;
        }
        return held / all;
    }
}
