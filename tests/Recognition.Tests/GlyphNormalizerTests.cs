using MathCluster.TestSupport;
using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Tests.Support;

namespace MathCluster.Recognition.Tests;

public class GlyphNormalizerTests
{
    private const int Size = GlyphNormalizer.Size;

    public static TheoryData<string, int, int> Drawings()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var glyph in new[] { "7", "4", "÷", "5" })
        foreach (var (size, pen) in new[] { (40, 2), (120, 8), (400, 24), (400, 2) })
            data.Add(glyph, size, pen);
        return data;
    }

    private static SyntheticGlyph Glyph(string name) => name switch
    {
        "7" => SyntheticGlyph.Seven,
        "4" => SyntheticGlyph.Four,
        "÷" => SyntheticGlyph.Divide,
        "5" => SyntheticGlyph.TwoStrokeFive,
        "-" => SyntheticGlyph.Minus,
        "1" => SyntheticGlyph.One,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Drawings))]
    public void Output_Is28x28InkInZeroToOne_WithSolidStrokes(string glyph, int size, int pen)
    {
        var output = GlyphNormalizer.Normalize(Glyph(glyph).Draw(size, pen));

        Assert.Equal(28 * 28, output.Length);
        Assert.All(output, v => Assert.InRange(v, 0f, 1f));
        // The fixed pen's core is full ink, whatever the source's pen was.
        Assert.Equal(1f, output.Max());
    }

    [Fact]
    public void BlankInput_GivesAllZeros_AndClearsWhateverWasInTheOutputBuffer()
    {
        var output = Enumerable.Repeat(0.7f, GlyphNormalizer.PixelCount).ToArray();

        GlyphNormalizer.Normalize(new InkImage(50, 30), output);

        Assert.All(output, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void InkTooFaintToBeInk_GivesAllZeros()
    {
        var faint = new InkImage(40, 40);
        new InkPen(faint, 4).Line(5, 20, 35, 20);
        for (int i = 0; i < faint.Ink.Length; i++) faint.Ink[i] *= 0.04f;

        Assert.All(GlyphNormalizer.Normalize(faint), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void OutputBufferOfTheWrongSize_IsRefused()
    {
        var glyph = SyntheticGlyph.Seven.Draw(40, 3);

        Assert.Throws<ArgumentException>(() => GlyphNormalizer.Normalize(glyph, new float[783]));
        Assert.Throws<ArgumentException>(() => GlyphNormalizer.Normalize(glyph, new float[785]));
    }

    [Theory]
    [MemberData(nameof(Drawings))]
    public void CentreOfMass_IsWithinAPixelOfTheCentre(string glyph, int size, int pen)
    {
        var output = GlyphNormalizer.Normalize(Glyph(glyph).Draw(size, pen));

        var (x, y) = InkOps.CenterOfMass(output, Size);
        Assert.InRange(x, 13.0, 15.0);
        Assert.InRange(y, 13.0, 15.0);
    }

    [Theory]
    [MemberData(nameof(Drawings))]
    public void InkBox_LongerSideIsAbout20Pixels(string glyph, int size, int pen)
    {
        var output = GlyphNormalizer.Normalize(Glyph(glyph).Draw(size, pen));

        var box = InkOps.Bounds(output, Size, 0.5f)!.Value;
        Assert.InRange(Math.Max(box.Width, box.Height), 18, 22);
        // Nothing is cut off at the frame's edge.
        Assert.True(box.X > 0 && box.Y > 0 && box.Right < Size && box.Bottom < Size, $"Ink touches the frame: {box}.");
    }

    [Theory]
    [InlineData(40, 2)]
    [InlineData(120, 8)]
    [InlineData(400, 24)]
    [InlineData(400, 3)]
    public void HorizontalBar_StaysFlat_AndVerticalBar_StaysThin(int size, int pen)
    {
        var minus = InkOps.Bounds(GlyphNormalizer.Normalize(SyntheticGlyph.Minus.Draw(size, pen)), Size, 0.1f)!.Value;
        var one = InkOps.Bounds(GlyphNormalizer.Normalize(SyntheticGlyph.One.Draw(size, pen)), Size, 0.1f)!.Value;

        Assert.True(minus.Height <= 6 && minus.Width >= 17, $"'-' became {minus.Width}x{minus.Height}.");
        Assert.True(one.Width <= 6 && one.Height >= 17, $"'1' became {one.Width}x{one.Height}.");
    }

    [Theory]
    [InlineData(40, 2)]
    [InlineData(120, 8)]
    [InlineData(300, 20)]
    public void AspectRatio_IsKept(int size, int pen)
    {
        // Outlines of a 2:1 and a 1:2 rectangle: the longer side fills the 20 px box, the shorter one about half of it
        // (the centre line is fitted to 20 - 2 x pen radius, so the short side comes out at 8.6 + 2.8 px of pen).
        var wide = new SyntheticGlyph("wide", [[(0f, 0f), (2f, 0f), (2f, 1f), (0f, 1f), (0f, 0f)]], []);
        var tall = new SyntheticGlyph("tall", [[(0f, 0f), (1f, 0f), (1f, 2f), (0f, 2f), (0f, 0f)]], []);

        var w = InkOps.Bounds(GlyphNormalizer.Normalize(wide.Draw(size, pen)), Size, 0.5f)!.Value;
        var t = InkOps.Bounds(GlyphNormalizer.Normalize(tall.Draw(size, pen)), Size, 0.5f)!.Value;

        Assert.InRange(w.Width, 19, 21);
        Assert.InRange(w.Height, 10, 14);
        Assert.Equal((w.Width, w.Height), (t.Height, t.Width));
    }

    [Theory]
    [InlineData("7")]
    [InlineData("4")]
    [InlineData("÷")]
    [InlineData("5")]
    public void SameSymbol_AtAnySizeAndPenWidth_GivesNearlyTheSameInput(string name)
    {
        // Reference: drawn 120 px tall with an 8 px pen. Variants: 40, 120 and 400 px with 2, 8 and 24 px pens, except
        // a 24 px pen on a 40 px symbol (60% of its size: the strokes of a 7 or 4 run into one blob, not a legible glyph).
        // Measured on this implementation: the worst variant has correlation 0.866 and mean absolute difference 0.068
        // (the 4 at 400 px / 8 px pen and the 7 at 40 px / 8 px pen: thinning moves corners by a pixel), while the
        // references of *different* symbols correlate at most 0.32. The bounds leave room for small changes and
        // still demand that a symbol stays far closer to itself than to any other symbol.
        var symbols = new[] { "7", "4", "÷", "5" };
        var references = symbols.ToDictionary(s => s, s => GlyphNormalizer.Normalize(Glyph(s).Draw(120, 8)));
        var reference = references[name];

        foreach (int size in new[] { 40, 120, 400 })
        foreach (int pen in new[] { 2, 8, 24 })
        {
            if (4 * pen > size) continue;
            var output = GlyphNormalizer.Normalize(Glyph(name).Draw(size, pen));
            double own = InkOps.Correlation(output, reference), mad = InkOps.MeanAbsoluteDifference(output, reference);
            double nearestOther = symbols.Where(s => s != name).Max(s => InkOps.Correlation(output, references[s]));

            Assert.True(own > 0.82, $"{name} at {size} px / pen {pen}: correlation with the reference {own:F3}.");
            Assert.True(mad < 0.09, $"{name} at {size} px / pen {pen}: mean absolute difference {mad:F3}.");
            Assert.True(own > nearestOther + 0.4, $"{name} at {size} px / pen {pen}: own {own:F3}, nearest other symbol {nearestOther:F3}.");
        }
    }

    [Theory]
    [InlineData("-")]
    [InlineData("1")]
    public void StraightStrokes_AreRedrawnIdentically_WhateverThePen(string name)
    {
        // A straight line's centre line is exact, so thickness normalisation leaves nothing to differ.
        var reference = GlyphNormalizer.Normalize(Glyph(name).Draw(120, 8));
        foreach (var (size, pen) in new[] { (40, 2), (40, 8), (400, 2), (400, 24) })
            Assert.True(InkOps.MeanAbsoluteDifference(GlyphNormalizer.Normalize(Glyph(name).Draw(size, pen)), reference) < 0.01);
    }

    [Fact]
    public void Translation_DoesNotChangeTheOutputAtAll()
    {
        var glyph = SyntheticGlyph.TwoStrokeFive.Draw(90, 6);
        var expected = GlyphNormalizer.Normalize(glyph);

        foreach (var (width, height, x, y) in new[] { (200, 150, 0, 0), (200, 150, 93, 41), (640, 480, 517, 350), (glyph.Width, glyph.Height, 0, 0) })
        {
            var canvas = new InkImage(width, height);
            canvas.DrawMax(glyph, x, y);
            Assert.Equal(expected, GlyphNormalizer.Normalize(canvas));
        }
    }

    [Theory]
    [InlineData(0.25f, 0.75f)]
    [InlineData(0.5f, 0.5f)]
    [InlineData(13.3f, 7.9f)]
    public void SubpixelShifts_BarelyChangeTheOutput(float dx, float dy)
    {
        var at0 = new InkImage(160, 160);
        SyntheticGlyph.Four.DrawInto(at0, 20, 20, 110, 7);
        var shifted = new InkImage(160, 160);
        SyntheticGlyph.Four.DrawInto(shifted, 20 + dx, 20 + dy, 110, 7);

        Assert.True(InkOps.Correlation(GlyphNormalizer.Normalize(at0), GlyphNormalizer.Normalize(shifted)) > 0.9);
    }

    [Fact]
    public void NormalisingTheOutputAgain_ChangesLittle()
    {
        // The output is itself a 20 px glyph drawn with a thin pen; fed back in it must land in about the same place.
        // Measured correlation 0.93-0.99 for these four symbols.
        foreach (var glyph in new[] { SyntheticGlyph.Seven, SyntheticGlyph.Four, SyntheticGlyph.Divide, SyntheticGlyph.TwoStrokeFive })
        {
            var once = GlyphNormalizer.Normalize(glyph.Draw(120, 8));
            var twice = GlyphNormalizer.Normalize(new InkImage(Size, Size, once));
            Assert.True(InkOps.Correlation(once, twice) > 0.9, $"{glyph.Name}: {InkOps.Correlation(once, twice):F3}");
        }
    }

    [SkippableFact]
    public void MnistDigit_AndTheSameDigitWithInvertedPolarity_GiveIdenticalOutput()
    {
        var mnist = DataSet.Mnist();
        for (int i = 0; i < 50; i++)
        {
            var whiteOnBlack = mnist.Images.Image(i);
            var blackOnWhite = whiteOnBlack.ToArray().Select(p => (byte)(255 - p)).ToArray();

            var a = GlyphNormalizer.Normalize(InkImage.FromGrayBytes(whiteOnBlack, 28, 28, darkInk: false));
            var b = GlyphNormalizer.Normalize(InkImage.FromGrayBytes(blackOnWhite, 28, 28, darkInk: true));

            Assert.Equal(a, b);
            Assert.True(a.Max() == 1f, $"MNIST #{i} normalised to nothing.");
        }
    }

    [SkippableFact]
    public void MnistDigits_AreCentredAndSized_LikeSyntheticOnes()
    {
        // MNIST is already centred by mass in 28x28, but its 20 px box includes the stroke; after redrawing with the
        // fixed pen the same invariants must hold for real handwriting (measured over these 300: worst offset 0.83 px).
        var mnist = DataSet.Mnist();
        for (int i = 0; i < 300; i++)
        {
            var output = GlyphNormalizer.Normalize(mnist.Ink(i));
            var (x, y) = InkOps.CenterOfMass(output, Size);
            var box = InkOps.Bounds(output, Size, 0.5f)!.Value;
            Assert.True(Math.Abs(x - 14) <= 1 && Math.Abs(y - 14) <= 1, $"MNIST #{i}: centre of mass ({x:F2}, {y:F2}).");
            Assert.InRange(Math.Max(box.Width, box.Height), 18, 22);
        }
    }

    [SkippableFact]
    public void MnistDigits_GiveNearlyTheSameOutput_WhenWrittenFourTimesLarger()
    {
        // A canvas digit is 100+ px tall while MNIST digits are 20 px: the model must see the same thing for both.
        // Measured over these 100 digits: median correlation 0.979, 10th percentile 0.940 (the worst, a scrawled 5 whose
        // loops close up at one of the two resolutions, 0.50), hence bounds on the median and the 10th percentile.
        var mnist = DataSet.Mnist();
        var correlations = Enumerable.Range(0, 100)
            .Select(i => InkOps.Correlation(GlyphNormalizer.Normalize(mnist.Ink(i)), GlyphNormalizer.Normalize(InkScaling.Scale(mnist.Ink(i), 4))))
            .Order()
            .ToArray();

        Assert.True(correlations[50] > 0.95, $"Median correlation {correlations[50]:F3}.");
        Assert.True(correlations[10] > 0.9, $"10th percentile correlation {correlations[10]:F3}.");
    }

    [SkippableFact]
    public void DarkInkDataSets_ConvertedWithTheirPolarity_NormaliseLikeMnist()
    {
        // BHMSDS (black on white) read with darkInk: true must come out as ink on zero, like MNIST read with darkInk: false.
        var bhmsds = DataSet.Bhmsds();
        int index = bhmsds.IndicesOf(7).First();
        var output = GlyphNormalizer.Normalize(bhmsds.Ink(index));

        var (x, y) = InkOps.CenterOfMass(output, Size);
        Assert.InRange(x, 13.0, 15.0);
        Assert.InRange(y, 13.0, 15.0);
        // Mostly background: a glyph whose polarity was wrong would fill the frame.
        Assert.True(output.Count(v => v > 0.5f) < 784 / 3);
    }
}
