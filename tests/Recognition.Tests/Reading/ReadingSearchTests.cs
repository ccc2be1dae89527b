using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Reading;
using MathCluster.Recognition.Segmentation;
using MathCluster.TestSupport;

namespace MathCluster.Recognition.Tests.Reading;

/// <summary>
/// The search on real lattices (strokes laid out like handwriting) with the committed layout parameters and given label
/// probabilities, so what decides is the context: neighbours, size, spacing and grammar.
/// </summary>
public class ReadingSearchTests
{
    private static readonly LabelScore[] Junk = [new("8", 0.25f), new("0", 0.25f), new("4", 0.25f), new("6", 0.25f)];

    /// <summary>
    /// Reads the line with <paramref name="labels"/> for each symbol as drawn (each group of the first grouping, in
    /// reading order); any other candidate (a split or a merge) gets an even spread over four digits.
    /// </summary>
    private static LineReading Read(StrokeLine line, params LabelScore[][] labels)
    {
        var ink = CanvasSegmenter.Atoms(line.ToStrokes());
        var groups = CanvasSegmenter.Group(ink);
        Assert.Equal(labels.Length, groups.Count);
        var lattice = SymbolLattice.Build(ink, groups);
        var options = lattice.Candidates
            .Select(c => (IReadOnlyList<LabelScore>)(groups.ToList().FindIndex(g => g.Atoms.SequenceEqual(c.Atoms)) is >= 0 and var g ? labels[g] : Junk))
            .ToList();
        return ReadingSearch.Read(lattice, options, LayoutModel.Default);
    }

    private static LabelScore[] Sure(string label) => [new(label, 0.97f), new("8", 0.02f)];

    // The same glyph, as likely a slash as a one.
    private static readonly LabelScore[] SlashOrOne = [new("1", 0.5f), new("/", 0.48f), new("7", 0.02f)];

    private static string Text(LineReading reading) => string.Concat(reading.Symbols.Select(s => s.Label));

    [Fact]
    public void AnAmbiguousStroke_IsASlash_WhereItIsSpacedLikeAnOperator()
    {
        var line = new StrokeLine().Tall(StrokeLine.One, 0.4f, gap: 0.12f).Tall(StrokeLine.Seven, gap: 0.4f)
            .Tall(StrokeLine.Slash, 0.45f, gap: 0.4f).Tall(StrokeLine.Four);
        var reading = Read(line, Sure("1"), Sure("2"), SlashOrOne, Sure("4"));

        Assert.Equal("12/4", Text(reading));
        Assert.True(reading.Grammatical);
        Assert.Equal("1", reading.Symbols[2].Alternatives[0].Label);
    }

    [Fact]
    public void TheSameStroke_IsAOne_WhereItIsSpacedLikeADigitOfANumber()
    {
        var line = new StrokeLine().Tall(StrokeLine.Seven, gap: 0.12f).Tall(StrokeLine.Slash, 0.45f, gap: 0.12f).Tall(StrokeLine.Four);
        var reading = Read(line, Sure("7"), SlashOrOne, Sure("4"));

        Assert.Equal("714", Text(reading));
    }

    [Fact]
    public void TallerStrokesAtTheEnds_AreBrackets_ShorterOnesInside_AreOnes()
    {
        // "(12+3)": the brackets a little taller than the digits and reaching past them, as people write them.
        LabelScore[] oneOrOpen = [new("1", 0.6f), new("(", 0.4f)], oneOrClose = [new("1", 0.6f), new(")", 0.4f)];
        var line = new StrokeLine()
            .Add(StrokeLine.One, 0.3f, 1.15f, -0.075f, 0.3f).Tall(StrokeLine.One, 0.4f, gap: 0.12f).Tall(StrokeLine.Seven, gap: 0.3f)
            .Small(StrokeLine.Plus).Tall(StrokeLine.Seven, gap: 0.3f).Add(StrokeLine.One, 0.3f, 1.15f, -0.075f, 0.3f);
        var reading = Read(line, oneOrOpen, oneOrOpen, Sure("2"), Sure("+"), Sure("3"), oneOrClose);

        Assert.Equal("(12+3)", Text(reading));
    }

    [Fact]
    public void AOneThatLooksLikeAClosingBracket_IsReadAsOne_WhenABracketCannotCloseThere()
    {
        var line = new StrokeLine().Add(StrokeLine.One, 0.3f, 1.15f, -0.075f, 0.3f).Tall(StrokeLine.Seven, gap: 0.3f)
            .Small(StrokeLine.Plus).Tall(StrokeLine.One, 0.4f, gap: 0.3f).Add(StrokeLine.One, 0.3f, 1.15f, -0.075f, 0.3f);
        var reading = Read(line, Sure("("), Sure("3"), Sure("+"), [new LabelScore(")", 0.6f), new LabelScore("1", 0.4f)], Sure(")"));

        Assert.Equal("(3+1)", Text(reading));
        Assert.Equal(0.4f, reading.Symbols[3].Confidence);
    }

    [Fact]
    public void WorkStaysUnderTheCap_OnA64SymbolCanvasOfStackedUnsureSymbols()
    {
        // Every symbol three stacked strokes (so it may also be split) and close to its neighbours (so they may merge),
        // every candidate four labels of similar probability.
        var line = new StrokeLine(lineHeight: 40, pen: 3, margin: 10);
        for (int i = 0; i < CanvasSegmenter.MaxSymbols; i++)
        {
            if (i % 2 == 0) line.Small(StrokeLine.Divide, 0.8f, gap: 0.1f);
            else line.Tall(StrokeLine.One, 0.25f, gap: 0.1f);
        }
        LabelScore[] unsure = [new("+", 0.3f), new("1", 0.3f), new("-", 0.2f), new("×", 0.2f)];
        var ink = CanvasSegmenter.Atoms(line.ToStrokes());
        var lattice = SymbolLattice.Build(ink, CanvasSegmenter.Group(ink));
        Assert.Equal(CanvasSegmenter.MaxSymbols, lattice.Groups.Count);
        Assert.Contains(lattice.Edges.SelectMany(e => e), e => e.Kind == GroupingKind.Split);
        Assert.Contains(lattice.Edges.SelectMany(e => e), e => e.Kind == GroupingKind.Merged);

        var reading = ReadingSearch.Read(lattice, lattice.Candidates.Select(_ => (IReadOnlyList<LabelScore>)unsure).ToList(), LayoutModel.Default);

        Assert.InRange(reading.Work, 1, ReadingSearch.MaxWork);
        Assert.True(reading.Grammatical);
        Assert.InRange(reading.Confidence, 0, 1);
        Assert.Equal(ink.Atoms.Count, reading.Symbols.Sum(s => s.Group.Atoms.Count));
    }

    [Fact]
    public void WhenNoReadingParses_TheMostProbableLabelsAreKept()
    {
        var ink = CanvasSegmenter.Atoms(new StrokeLine().Small(StrokeLine.Plus).Small(StrokeLine.Times).ToStrokes());
        var lattice = SymbolLattice.Build(ink, CanvasSegmenter.Group(ink));

        var reading = ReadingSearch.Read(lattice, lattice.Candidates.Select(_ => (IReadOnlyList<LabelScore>)[new LabelScore("×", 1f)]).ToList(), LayoutModel.Default);

        Assert.False(reading.Grammatical);
        Assert.All(reading.Symbols, s => Assert.Equal("×", s.Label));
        Assert.Equal(ink.Atoms.Count, reading.Symbols.Sum(s => s.Group.Atoms.Count));
    }

    [Fact]
    public void Confidence_IsLow_WhenTwoReadingsAreAlmostEquallyLikely_AndHigh_WhenOneDominates()
    {
        var sure = Read(new StrokeLine().Tall(StrokeLine.Seven), Sure("7"));
        var unsure = Read(new StrokeLine().Tall(StrokeLine.Seven), [new LabelScore("7", 0.5f), new LabelScore("1", 0.49f)]);

        Assert.True(sure.Confidence > 0.95, $"{sure.Confidence}");
        Assert.InRange(unsure.Confidence, 0.4, 0.6);
    }

    /// <summary>
    /// "77+1" written with the two 7s' bars touching, read from the PNG's ink (where they are one component). The cut
    /// nearest where the 7s meet gets <paramref name="left"/> and <paramref name="right"/>, any other cut
    /// <paramref name="otherCuts"/> (junk by default).
    /// </summary>
    private static LineReading ReadTouchingSevens(LabelScore[] whole, LabelScore[] left, LabelScore[] right, LabelScore[]? otherCuts = null)
    {
        var line = new StrokeLine().Tall(StrokeLine.Seven, gap: -0.05f).Tall(StrokeLine.Seven).Small(StrokeLine.Plus).Tall(StrokeLine.One, 0.4f);
        var ink = CanvasSegmenter.Atoms(line.ToInk());
        var groups = CanvasSegmenter.Group(ink);
        Assert.Equal(3, groups.Count);
        var lattice = SymbolLattice.Build(ink, groups);
        var cuts = lattice.Edges[0].Where(e => e.Kind == GroupingKind.Cut).ToList();
        Assert.NotEmpty(cuts);
        // The second 7 starts 0.55 line heights in (the first is 0.6 wide, then 0.05 closer than touching).
        float meet = groups[0].Box.X + 0.55f * lattice.Line.SymbolHeight;
        var cut = cuts.MinBy(c => Math.Abs(lattice.Candidates[c.Candidates[1]].Box.X - meet))!;
        // The parts share the whole's one atom; the key that caches each candidate's labels must still tell them apart.
        Assert.Equal(lattice.Candidates.Count, lattice.Candidates.Select(c => c.Key).Distinct().Count());
        var cutParts = cuts.SelectMany(c => c.Candidates).ToHashSet();
        var options = lattice.Candidates.Select((c, i) => (IReadOnlyList<LabelScore>)(
            i == cut.Candidates[0] ? left : i == cut.Candidates[1] ? right : cutParts.Contains(i) ? otherCuts ?? Junk
            : c.Atoms.SequenceEqual(groups[0].Atoms) && c.Box == groups[0].Box ? whole
            : c.Atoms.SequenceEqual(groups[1].Atoms) ? Sure("+") : c.Atoms.SequenceEqual(groups[2].Atoms) ? Sure("1") : Junk)).ToList();
        return ReadingSearch.Read(lattice, options, LayoutModel.Default);
    }

    [Fact]
    public void TwoDigitsWrittenTouching_AreCutApart_WhenTheirHalvesReadAsDigits()
    {
        LabelScore[] nothingInParticular = [new("0", 0.1f), new("8", 0.1f), new("4", 0.1f), new("6", 0.1f)];
        var reading = ReadTouchingSevens(whole: nothingInParticular, left: Sure("7"), right: Sure("7"));

        Assert.Equal("77+1", Text(reading));
        Assert.True(reading.Symbols[0].Group.Box.Right <= reading.Symbols[1].Group.Box.X);
    }

    [Fact]
    public void AWideSymbol_StaysWhole_WhenItReadsSurelyAndItsHalvesDoNot()
    {
        LabelScore[] half = [new("1", 0.4f), new("(", 0.3f), new(")", 0.3f)];
        var reading = ReadTouchingSevens(whole: Sure("4"), left: half, right: half, otherCuts: half);

        Assert.Equal("4+1", Text(reading));
    }
}
