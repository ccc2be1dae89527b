using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Segmentation;
using MathCluster.TestSupport;
using MathCluster.Trainer.Commands;
using MathCluster.Trainer.Data;

namespace MathCluster.Trainer.Tests;

public class PenRedrawTests
{
    /// <summary>An L drawn with the given pen on a 40x40 image: a stem and a foot.</summary>
    private static InkImage Ell(float pen)
    {
        var image = new InkImage(40, 40);
        var brush = new InkPen(image, pen);
        brush.Line(10, 4, 10, 34);
        brush.Line(10, 34, 30, 34);
        return image;
    }

    /// <summary>Pixels of ink across the stem, along the row through its middle.</summary>
    private static int StemWidth(InkImage image) => Enumerable.Range(0, image.Width).Count(x => image[x, image.Height / 2] > 0.5f);

    [Theory]
    [InlineData(1f)]
    [InlineData(9f)]
    public void Redraw_AnyGlyph_UsesTheOnePen(float sourcePen)
    {
        var redrawn = PenRedraw.Redraw(Ell(sourcePen), scale: 2, pen: 8);

        Assert.InRange(StemWidth(redrawn.Ink), 7, 9);
        Assert.Single(CanvasSegmenter.Atoms(redrawn.Ink).Atoms);
    }

    [Fact]
    public void Redraw_Strokes_StepPixelByPixel_AndDrawExactlyItsInk()
    {
        var redrawn = PenRedraw.Redraw(Ell(5), scale: 2, pen: 6);

        var stroke = Assert.Single(redrawn.Strokes);
        AssertStepsToNeighbours(stroke);
        var canvas = StrokeCanvas.Create(redrawn.Ink.Width, redrawn.Ink.Height, 6, stroke, [stroke.Length / 2]);
        var drawn = canvas.Draw([0], new PixelBox(0, 0, canvas.Width, canvas.Height));
        Assert.Equal(redrawn.Ink.Ink, drawn.Ink);
    }

    [Fact]
    public void Redraw_BranchingGlyph_IsOneStrokeThatRetracesToReachEveryBranch()
    {
        var plus = new InkImage(40, 40);
        var brush = new InkPen(plus, 3);
        brush.Line(20, 4, 20, 36);
        brush.Line(4, 20, 36, 20);

        var redrawn = PenRedraw.Redraw(plus, scale: 1, pen: 4);

        var stroke = Assert.Single(redrawn.Strokes);
        AssertStepsToNeighbours(stroke);
        var box = Assert.Single(CanvasSegmenter.Atoms(redrawn.Ink).Atoms);
        var points = Enumerable.Range(0, stroke.Length / 2).Select(i => (X: stroke[2 * i], Y: stroke[2 * i + 1])).ToList();
        // The one stroke reaches the end of each of the four arms.
        Assert.Contains(points, p => p.X < box.X + 6);
        Assert.Contains(points, p => p.X > box.X + box.Width - 6);
        Assert.Contains(points, p => p.Y < box.Y + 6);
        Assert.Contains(points, p => p.Y > box.Y + box.Height - 6);
    }

    /// <summary>Every step goes to a neighbouring pixel, so drawing the stroke never bridges blank paper.</summary>
    private static void AssertStepsToNeighbours(float[] stroke)
    {
        for (int i = 2; i < stroke.Length; i += 2)
            Assert.True(Math.Abs(stroke[i] - stroke[i - 2]) <= 1 && Math.Abs(stroke[i + 1] - stroke[i - 1]) <= 1, $"step {i / 2} jumps");
    }

    [Fact]
    public void Redraw_PenLift_LeavesTwoStrokesThatDoNotTouch()
    {
        var random = new Random(3);
        var lifted = PenRedraw.RedrawWithPenLift(Ell(3), scale: 2, pen: 6, random);

        Assert.NotNull(lifted);
        Assert.Equal(2, lifted.Strokes.Count);
        var atoms = CanvasSegmenter.Atoms(lifted.Ink).Atoms;
        Assert.Equal(2, atoms.Count);
        // Both strokes are sizeable parts of the L, not a crumb broken off its end.
        Assert.All(atoms, a => Assert.True(Math.Max(a.Width, a.Height) >= 15, $"a stroke of {a.Width}x{a.Height}"));
    }

    [Fact]
    public void Redraw_GlyphTooSmallToCut_HasNoPenLift()
    {
        var dot = new InkImage(6, 6);
        new InkPen(dot, 3).Dot(3, 3);

        Assert.Null(PenRedraw.RedrawWithPenLift(dot, scale: 1, pen: 4, new Random(1)));
    }

    [SkippableFact]
    public void PenGlyphs_EveryClass_WritesACorrectionSetFinetuneReads()
    {
        var data = SharedData.Require();
        var folder = Directory.CreateTempSubdirectory("pen-glyphs-");
        try
        {
            Assert.Equal(0, PenGlyphsCommand.Run(data, folder.FullName, count: 2 * SymbolClasses.Count, seed: 4));

            var set = CorrectionSet.Load(folder.FullName);
            var labels = set.Train.Labels.Concat(set.Holdout.Labels).ToList();
            Assert.Equal(2 * SymbolClasses.Count, labels.Count);
            Assert.All(Enumerable.Range(0, SymbolClasses.Count), c => Assert.Equal(2, labels.Count(l => l == c)));
            Assert.All(set.Train.Glyphs, g => Assert.True(g.Max() > 0.9f, "every glyph has ink"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [SkippableFact]
    public void PenShare_RedrawsTheSameShareOfEveryClass_SoThePenSaysNothingAboutTheClass()
    {
        var data = SharedData.Require();
        var pools = HandwritingSources.InkPools(data, heldOut: false);

        var set = PenRedrawnGlyphs.GenerateShare(data, share: 0.002, seed: 3);

        Assert.All(Enumerable.Range(0, SymbolClasses.Count), c =>
            Assert.Equal((int)Math.Round(pools[c].Count * 0.002), set.Labels.Count(l => l == c)));
        Assert.All(set.Sources, source => Assert.Equal(PenRedrawnGlyphs.SourceName, source));
        Assert.All(set.Glyphs, g => Assert.True(g.Max() > 0.9f, "every glyph has ink"));
    }
}
