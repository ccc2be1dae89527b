using MathCluster.Recognition.Reading;
using MathCluster.Recognition.Segmentation;
using MathCluster.TestSupport;

namespace MathCluster.Recognition.Tests.Reading;

/// <summary>
/// The grouping prior for pen strokes, counted apart from ink components' (strokes of different symbols may touch,
/// touching ink is one component): how often neighbouring strokes at a given gap are one symbol.
/// </summary>
public class StrokeGroupingTests
{
    private static double EdgePrior(SymbolLattice lattice, LatticeEdge edge, LayoutModel layout) => ReadingSearch.EdgePrior(lattice, edge, layout);

    [Fact]
    public void TwoStrokesATenthOfALineApart_AreSeldomOneSymbol_SoTheMergeCostsMoreThanReadingThemApart()
    {
        var line = new StrokeLine().Tall(StrokeLine.One, 0.4f, gap: 0.1f).Tall(StrokeLine.Seven, gap: 0.4f).Tall(StrokeLine.Four);
        var ink = CanvasSegmenter.Atoms(line.ToStrokes());
        var lattice = SymbolLattice.Build(ink, CanvasSegmenter.Group(ink));
        var merged = lattice.Edges[0].Single(e => e.Kind == GroupingKind.Merged && e.To == 2);
        var first = lattice.Edges[0].Single(e => e.Kind == GroupingKind.Single);
        var second = lattice.Edges[1].Single(e => e.Kind == GroupingKind.Single);

        double Apart(LayoutModel layout) => EdgePrior(lattice, first, layout) + EdgePrior(lattice, second, layout);
        Assert.True(EdgePrior(lattice, merged, LayoutModel.Default) < Apart(LayoutModel.Default) - 1,
            $"merged {EdgePrior(lattice, merged, LayoutModel.Default):F2}, apart {Apart(LayoutModel.Default):F2}");

        // Parameters without stroke counts leave the boundaries of strokes unpriced.
        var withoutStrokeCounts = new LayoutModel(LayoutParameters.Default with { Strokes = null });
        Assert.Equal(Apart(withoutStrokeCounts), EdgePrior(lattice, merged, withoutStrokeCounts), 6);
    }

    [Fact]
    public void StrokesThatOverlap_AreMoreOftenTwoSymbols_ThanInkComponentsThatDo()
    {
        var layout = LayoutModel.Default;
        Assert.NotNull(layout.Parameters.Strokes);
        // Overlapping ink is one component unless it is stacked parts of one symbol; overlapping strokes are often two
        // digits written touching.
        const float overlap = -0.15f;
        double strokesTwo = layout.Boundary(overlap, sameSymbol: false, strokes: true) - layout.Boundary(overlap, sameSymbol: true, strokes: true);
        double inkTwo = layout.Boundary(overlap, sameSymbol: false, strokes: false) - layout.Boundary(overlap, sameSymbol: true, strokes: false);
        Assert.True(strokesTwo > inkTwo + 1, $"strokes {strokesTwo:F2}, ink {inkTwo:F2}");
    }
}
