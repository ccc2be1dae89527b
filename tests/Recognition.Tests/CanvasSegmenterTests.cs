using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Segmentation;
using MathCluster.TestSupport;

namespace MathCluster.Recognition.Tests;

public class CanvasSegmenterTests
{
    private const float Threshold = Canvases.SegmenterThreshold;

    /// <summary>Every class, from all three data sets (digits from MNIST and BHMSDS; × both as CROHME × and BHMSDS x).</summary>
    private static List<(string Label, InkImage Glyph, int Parts)> Lineup(int height)
    {
        DataSet mnist = DataSet.Mnist(), symbols = DataSet.Symbols(), bhmsds = DataSet.Bhmsds();
        var lineup = new (DataSet Set, int Label, string Name)[]
        {
            (symbols, 15, "("), (mnist, 1, "1"), (mnist, 2, "2"), (symbols, 11, "+"), (bhmsds, 3, "3"), (symbols, 16, ")"),
            (symbols, 12, "×"), (mnist, 4, "4"), (symbols, 13, "÷"), (bhmsds, 5, "5"), (symbols, 10, "-"), (mnist, 6, "6"),
            (symbols, 14, "/"), (bhmsds, 7, "7"), (symbols, 17, "="), (mnist, 8, "8"), (bhmsds, 12, "×"), (mnist, 9, "9"),
            (bhmsds, 0, "0"), (bhmsds, 14, "/"), (bhmsds, 10, "-"), (bhmsds, 11, "+"), (mnist, 0, "0"),
        };
        return lineup.Select(g => (g.Name, Canvases.Glyph(g.Set, g.Label, height), Canvases.PartsOf(g.Label))).ToList();
    }

    private static (InkImage Canvas, IReadOnlyList<PlacedGlyph> Placed) Compose(IEnumerable<(string Label, InkImage Glyph, int Parts)> glyphs, int gap, int jitter = 0) =>
        Canvases.Row(glyphs.Select(g => (g.Label, g.Glyph)).ToList(), gap, jitter: jitter);

    /// <summary>One symbol per placed glyph, in order, each with exactly the placed glyph's box and nothing but its ink.</summary>
    private static void AssertOneSymbolPerGlyph(InkImage canvas, IReadOnlyList<PlacedGlyph> placed, IReadOnlyList<SegmentedSymbol> symbols, IReadOnlyList<int>? parts = null)
    {
        Assert.True(placed.Count == symbols.Count,
            $"Placed {placed.Count} glyphs ({string.Concat(placed.Select(p => p.Label))}), segmented {symbols.Count}: {string.Join(" ", symbols.Select(s => s.Box))}.");
        for (int i = 0; i < placed.Count; i++)
        {
            var (symbol, expected) = (symbols[i], placed[i]);
            Assert.True(expected.InkBox == symbol.Box, $"Symbol {i} ('{expected.Label}'): expected box {expected.InkBox}, got {symbol.Box}.");
            if (parts is not null) Assert.True(parts[i] == symbol.Parts, $"Symbol {i} ('{expected.Label}'): expected {parts[i]} part(s), got {symbol.Parts}.");
            Assert.Equal((symbol.Box.Width, symbol.Box.Height), (symbol.Glyph.Width, symbol.Glyph.Height));
            // The symbol's ink is the canvas's ink above the threshold inside its box (boxes of neighbours never overlap here).
            for (int y = 0; y < symbol.Box.Height; y++)
            for (int x = 0; x < symbol.Box.Width; x++)
            {
                float ink = canvas[symbol.Box.X + x, symbol.Box.Y + y];
                Assert.Equal(ink > Threshold ? ink : 0f, symbol.Glyph[x, y]);
            }
        }
    }

    [SkippableTheory]
    [InlineData(40, 3)]
    [InlineData(40, 12)]
    [InlineData(80, 6)]
    [InlineData(80, 40)]
    [InlineData(160, 3)]
    [InlineData(160, 25)]
    public void RealGlyphsInARow_ComeBackOnePerGlyph_InOrder_WithTheirBoxes(int height, int gap)
    {
        var glyphs = Lineup(height);
        var (canvas, placed) = Compose(glyphs, gap);

        var symbols = CanvasSegmenter.Segment(canvas);

        AssertOneSymbolPerGlyph(canvas, placed, symbols, glyphs.Select(g => g.Parts).ToList());
    }

    [SkippableTheory]
    [InlineData(40)]
    [InlineData(160)]
    public void ReadingOrder_IsLeftToRight_WhateverTheHeightOfEachSymbol(int height)
    {
        var glyphs = Lineup(height);
        // Glyphs alternately raised and lowered by a third of their height.
        var (canvas, placed) = Compose(glyphs, gap: 8, jitter: height / 3);

        AssertOneSymbolPerGlyph(canvas, placed, CanvasSegmenter.Segment(canvas));
    }

    [SkippableTheory]
    [InlineData(40)]
    [InlineData(80)]
    [InlineData(160)]
    public void DivideAndEquals_FromHandwriting_AreOneSymbolEach(int height)
    {
        var symbols = DataSet.Symbols();
        var glyphs = new List<(string, InkImage, int)>();
        for (int nth = 0; nth < 5; nth++)
        {
            glyphs.Add(("÷", Canvases.Glyph(symbols, 13, height, nth), 3));
            glyphs.Add(("=", Canvases.Glyph(symbols, 17, height, nth), 2));
        }
        // Check the setup: the samples really are in separate pieces.
        Assert.All(glyphs, g => Assert.Equal(g.Item3, InkOps.ComponentSizes(g.Item2, Threshold).Length));
        var (canvas, placed) = Compose(glyphs, gap: 6);

        AssertOneSymbolPerGlyph(canvas, placed, CanvasSegmenter.Segment(canvas), glyphs.Select(g => g.Item3).ToList());
    }

    [Theory]
    [InlineData(40, 3)]
    [InlineData(80, 6)]
    [InlineData(160, 10)]
    public void FiveAndSeven_WrittenWithADetachedStroke_AreOneSymbolEach(int size, int pen)
    {
        var five = SyntheticGlyph.TwoStrokeFive.Draw(size, pen);
        var seven = SyntheticGlyph.TwoStrokeSeven.Draw(size, pen);
        var one = SyntheticGlyph.One.Draw(size, pen);
        // Check the setup: the detached stroke really is detached.
        Assert.Equal(2, InkOps.ComponentSizes(five, Threshold).Length);
        Assert.Equal(2, InkOps.ComponentSizes(seven, Threshold).Length);
        var glyphs = new List<(string, InkImage, int)> { ("1", one, 1), ("5", five, 2), ("7", seven, 2), ("5", five, 2), ("1", one, 1), ("7", seven, 2) };
        var (canvas, placed) = Compose(glyphs, gap: size / 5);

        AssertOneSymbolPerGlyph(canvas, placed, CanvasSegmenter.Segment(canvas), glyphs.Select(g => g.Item3).ToList());
    }

    [SkippableFact]
    public void SymbolsWrittenFarAboveEachOther_AreNotMergedIntoOne()
    {
        // Two lines of writing: a 3 far above a 4 shares the column but is not a stacked part of it.
        var three = Canvases.Glyph(DataSet.Mnist(), 3, 80);
        var four = Canvases.Glyph(DataSet.Mnist(), 4, 80);
        var canvas = new InkImage(200, 500);
        canvas.DrawMax(three, 60, 20);
        canvas.DrawMax(four, 60, 350);

        var symbols = CanvasSegmenter.Segment(canvas);

        Assert.Equal(2, symbols.Count);
        Assert.Equal([1, 1], symbols.Select(s => s.Parts));
    }

    [SkippableTheory]
    [InlineData(40)]
    [InlineData(80)]
    [InlineData(160)]
    public void SpecksOfOneToThreePixels_AreDropped_EvenInsideASymbolsBox(int height)
    {
        var glyphs = Lineup(height).Take(10).ToList();
        var (canvas, placed) = Compose(glyphs, gap: 20);
        var clean = new InkImage(canvas.Width, canvas.Height, (float[])canvas.Ink.Clone());
        var random = new Random(20261125);
        (int, int)[][] shapes = [[(0, 0)], [(0, 0), (1, 0)], [(0, 0), (0, 1)], [(0, 0), (1, 1)], [(0, 0), (1, 0), (0, 1)], [(0, 0), (1, 0), (2, 0)]];

        // 60 specks anywhere on the canvas, plus one inside each symbol's box (in a loop or beside a stroke).
        var specks = new List<(int X, int Y)>();
        for (int attempt = 0; specks.Count < 60 && attempt < 100_000; attempt++)
            TryAddSpeck(clean, canvas, random.Next(2, canvas.Width - 4), random.Next(2, canvas.Height - 4), shapes[random.Next(shapes.Length)], specks);
        foreach (var p in placed)
        for (int attempt = 0; attempt < 10_000; attempt++)
            if (TryAddSpeck(clean, canvas, random.Next(p.InkBox.X, p.InkBox.Right - 2), random.Next(p.InkBox.Y, p.InkBox.Bottom - 2), shapes[random.Next(shapes.Length)], specks)) break;
        Assert.True(specks.Count >= 60, "Setup: could not place the specks.");

        var symbols = CanvasSegmenter.Segment(canvas);

        // Same boxes as without the specks, and no speck's ink inside any symbol.
        AssertOneSymbolPerGlyph(clean, placed, symbols);
    }

    [SkippableFact]
    public void DotsOfTwoOrThreePixelsAcross_NextToLargeSymbols_AreDropped()
    {
        // Dots of 4 or 9 pixels are only specks next to large writing (the rule is relative: a 3x3 dot beside 40 px
        // digits is as large as the dots of their ÷ and must stay), so this is checked with 160 px glyphs.
        var glyphs = Lineup(160).Where(g => g.Parts == 1).Take(8).ToList();
        var (canvas, placed) = Compose(glyphs, gap: 30);
        var clean = new InkImage(canvas.Width, canvas.Height, (float[])canvas.Ink.Clone());
        // Setup: the rule is "under 1% of the typical symbol"; these dots (at most 9 px) are, next to every glyph here.
        Assert.All(glyphs, g => Assert.True(InkOps.ComponentSizes(g.Glyph, Threshold)[0] > 900, $"'{g.Label}' is too small for this test."));
        var random = new Random(7);
        (int, int)[] twoByTwo = [(0, 0), (1, 0), (0, 1), (1, 1)];
        (int, int)[] threeByThree = [.. from dy in Enumerable.Range(0, 3) from dx in Enumerable.Range(0, 3) select (dx, dy)];
        var dots = new List<(int X, int Y)>();
        // Fewer dots than symbols: the typical component is still a symbol.
        for (int attempt = 0; dots.Count < 6 && attempt < 100_000; attempt++)
            TryAddSpeck(clean, canvas, random.Next(2, canvas.Width - 5), random.Next(2, canvas.Height - 5), dots.Count % 2 == 0 ? twoByTwo : threeByThree, dots);

        AssertOneSymbolPerGlyph(clean, placed, CanvasSegmenter.Segment(canvas));
    }

    [SkippableFact]
    public void DustThatOutnumbersTheSymbols_IsStillDropped()
    {
        // Three large digits and thirty 2x2-pixel dust dots (a scanned page, or a canvas with a noisy pen). Each dot
        // is 4 pixels next to digits of thousands: dust, not symbols, however many of them there are.
        var mnist = DataSet.Mnist();
        var glyphs = new List<(string, InkImage, int)> { ("2", Canvases.Glyph(mnist, 2, 160), 1), ("4", Canvases.Glyph(mnist, 4, 160), 1), ("7", Canvases.Glyph(mnist, 7, 160), 1) };
        var (canvas, placed) = Compose(glyphs, gap: 40);
        var clean = new InkImage(canvas.Width, canvas.Height, (float[])canvas.Ink.Clone());
        var random = new Random(99);
        var dots = new List<(int X, int Y)>();
        for (int attempt = 0; dots.Count < 30 && attempt < 100_000; attempt++)
            TryAddSpeck(clean, canvas, random.Next(2, canvas.Width - 4), random.Next(2, canvas.Height - 4), [(0, 0), (1, 0), (0, 1), (1, 1)], dots);

        AssertOneSymbolPerGlyph(clean, placed, CanvasSegmenter.Segment(canvas));
    }

    /// <summary>Puts a full-ink speck at (x, y) if no ink at all (on the clean canvas, nor another speck) is within 2 px of it.</summary>
    private static bool TryAddSpeck(InkImage clean, InkImage canvas, int x, int y, (int Dx, int Dy)[] shape, List<(int X, int Y)> specks)
    {
        foreach (var (dx, dy) in shape)
        for (int ny = y + dy - 2; ny <= y + dy + 2; ny++)
        for (int nx = x + dx - 2; nx <= x + dx + 2; nx++)
        {
            if (nx < 0 || ny < 0 || nx >= canvas.Width || ny >= canvas.Height) return false;
            if (clean[nx, ny] > 0 || canvas[nx, ny] > 0) return false;
        }
        foreach (var (dx, dy) in shape) canvas[x + dx, y + dy] = 1;
        specks.Add((x, y));
        return true;
    }

    [Fact]
    public void BlankCanvas_HasNoSymbols()
    {
        Assert.Empty(CanvasSegmenter.Segment(new InkImage(640, 480)));
    }

    [Fact]
    public void CanvasOfOnlySpecks_HasNoSymbols()
    {
        var canvas = new InkImage(300, 200);
        for (int i = 0; i < 50; i++) canvas[5 + i * 5 % 290, 5 + i * 7 % 190] = 1;

        Assert.Empty(CanvasSegmenter.Segment(canvas));
    }

    [Fact]
    public void InkBelowTheThreshold_IsNotASymbol()
    {
        var canvas = new InkImage(200, 100);
        new InkPen(canvas, 8).Line(20, 50, 180, 50);
        for (int i = 0; i < canvas.Ink.Length; i++) canvas.Ink[i] *= 0.3f;

        Assert.Empty(CanvasSegmenter.Segment(canvas));
    }

    private static InkImage Bars(int count)
    {
        // Short vertical strokes, 3 px wide and 14 tall, 6 px apart: each its own symbol.
        var canvas = new InkImage(10 + count * 9, 30);
        var pen = new InkPen(canvas, 3);
        for (int i = 0; i < count; i++) pen.Line(6.5f + i * 9, 8, 6.5f + i * 9, 22);
        return canvas;
    }

    [Fact]
    public void SixtyFourSymbols_AreAllowed()
    {
        var symbols = CanvasSegmenter.Segment(Bars(CanvasSegmenter.MaxSymbols));

        Assert.Equal(64, symbols.Count);
        Assert.True(symbols.Zip(symbols.Skip(1)).All(pair => pair.First.Box.X < pair.Second.Box.X));
    }

    [Fact]
    public void SixtyFiveSymbols_AreTooMany()
    {
        var error = Assert.Throws<TooManySymbolsException>(() => CanvasSegmenter.Segment(Bars(65)));

        Assert.Equal(65, error.Found);
        Assert.Equal(64, error.Limit);
    }

    [Fact]
    public void HundredsOfSeparateMarks_AreRefusedBeforeMerging()
    {
        // 600 dots of 9 px in a grid (column neighbours are close enough to be merged as "stacked" parts):
        // refused on the raw component count, before any merging work.
        var canvas = new InkImage(30 * 5 + 10, 20 * 5 + 10);
        for (int row = 0; row < 20; row++)
        for (int column = 0; column < 30; column++)
        for (int dy = 0; dy < 3; dy++)
        for (int dx = 0; dx < 3; dx++)
            canvas[5 + column * 5 + dx, 5 + row * 5 + dy] = 1;

        var error = Assert.Throws<TooManySymbolsException>(() => CanvasSegmenter.Segment(canvas));

        Assert.Equal(600, error.Found);
    }

    [SkippableFact]
    public void SixtyFiveRealDigits_AreTooMany()
    {
        var mnist = DataSet.Mnist();
        var glyphs = Enumerable.Range(0, 65).Select(i => ("d", Canvases.Glyph(mnist, i % 10, 40), 1)).ToList();
        var (canvas, _) = Compose(glyphs, gap: 5);

        Assert.Throws<TooManySymbolsException>(() => CanvasSegmenter.Segment(canvas));
        Assert.Equal(64, CanvasSegmenter.Segment(Compose(glyphs.Take(64), gap: 5).Canvas).Count);
    }
}
