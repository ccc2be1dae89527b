using MathCluster.TestSupport;
using MathCluster.Recognition.Imaging;

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
        // The darkest pixel is full ink, however faint the scaled-down strokes are.
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

        // Grey hairlines count: a 2 px pen on a 400 px symbol is a tenth of a pixel wide once scaled.
        var box = InkOps.Bounds(output, Size, 0.2f)!.Value;
        Assert.True(Math.Max(box.Width, box.Height) is >= 18 and <= GlyphNormalizer.FitBox, $"box {box}");
        Assert.True(Math.Min(box.Width, box.Height) <= GlyphNormalizer.FitBox, $"box {box}");
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
        // Outlines of a 2:1 and a 1:2 rectangle: the longer side fills the 20 px box, the shorter one half of it.
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
    public void SameSymbol_AtAnySize_GivesNearlyTheSameInput(string name)
    {
        // The pen scales with the symbol (a twelfth of its height, as on the drawing page), so only resampling differs.
        // Measured: every variant correlates above 0.95 with its reference, while references of different symbols
        // correlate at most 0.35.
        var symbols = new[] { "7", "4", "÷", "5" };
        var references = symbols.ToDictionary(s => s, s => GlyphNormalizer.Normalize(Glyph(s).Draw(120, 10)));
        foreach (int size in new[] { 36, 60, 240, 480 })
        {
            var output = GlyphNormalizer.Normalize(Glyph(name).Draw(size, size / 12));
            double own = InkOps.Correlation(output, references[name]);
            double nearestOther = symbols.Where(s => s != name).Max(s => InkOps.Correlation(output, references[s]));

            Assert.True(own > 0.9, $"{name} at {size} px: correlation with the reference {own:F3}.");
            Assert.True(own > nearestOther + 0.4, $"{name} at {size} px: own {own:F3}, nearest other symbol {nearestOther:F3}.");
        }
    }

    [Theory]
    [InlineData("7")]
    [InlineData("4")]
    [InlineData("5")]
    public void PenWidth_ChangesOnlyHowThickTheStrokesAre(string name)
    {
        // Stroke width is kept, not normalised away (the trainer augments it): a thicker pen gives more ink, the same shape.
        var thin = GlyphNormalizer.Normalize(Glyph(name).Draw(120, 4));
        var thick = GlyphNormalizer.Normalize(Glyph(name).Draw(120, 16));

        Assert.True(thick.Count(v => v > 0.5f) > 1.5 * thin.Count(v => v > 0.5f), "a thicker pen gives thicker strokes");
        Assert.True(InkOps.Correlation(thin, thick) > 0.5, $"same shape: correlation {InkOps.Correlation(thin, thick):F3}");
    }

    [Fact]
    public void AHairlineOnAHugeSymbol_FadesButDoesNotVanish()
    {
        // A one-pixel pen on a 400 px symbol covers a twentieth of an output pixel: area averaging keeps it as grey
        // ink, and the darkest pixel is brought to full ink.
        var output = GlyphNormalizer.Normalize(SyntheticGlyph.Seven.Draw(400, 1));

        Assert.Equal(1f, output.Max());
        Assert.True(output.Count(v => v > 0.2f) >= 25, $"only {output.Count(v => v > 0.2f)} pixels of ink left");
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
        // The output is itself a 20 px glyph; fed back in it must land in about the same place.
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
        // The same invariants hold for real handwriting as for synthetic glyphs.
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
        var mnist = DataSet.Mnist();
        var correlations = Enumerable.Range(0, 100)
            .Select(i => InkOps.Correlation(GlyphNormalizer.Normalize(mnist.Ink(i)), GlyphNormalizer.Normalize(InkScaling.Scale(mnist.Ink(i), 4))))
            .Order()
            .ToArray();

        Assert.True(correlations[50] > 0.95, $"Median correlation {correlations[50]:F3}.");
        Assert.True(correlations[10] > 0.8, $"10th percentile correlation {correlations[10]:F3}.");
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
