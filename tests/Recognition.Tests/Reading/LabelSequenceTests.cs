using MathCluster.Recognition.Reading;

namespace MathCluster.Recognition.Tests.Reading;

/// <summary>The reader's label bigram, as estimated from composed canvases and committed with the layout parameters.</summary>
public class LabelSequenceTests
{
    private static readonly LayoutModel Committed = LayoutModel.Default;

    [Fact]
    public void TheCommittedModel_WeighsTheBigram()
    {
        Assert.True(Committed.Parameters.SequenceWeight > 0);
        Assert.NotNull(Committed.Parameters.Successors);
    }

    [Theory]
    [InlineData("(", "7", ")")]   // an empty bracket is never written
    [InlineData("+", "7", "×")]   // nor two operators in a row
    [InlineData(null, "7", "×")]  // nor a line that starts with one
    [InlineData("/", "4", "/")]
    public void ALikelyNeighbour_ScoresAboveAnUnlikelyOne(string? previous, string likely, string unlikely) =>
        Assert.True(Committed.Sequence(previous, likely) > Committed.Sequence(previous, unlikely),
            $"{previous ?? "start"} then {likely}: {Committed.Sequence(previous, likely):F2}; then {unlikely}: {Committed.Sequence(previous, unlikely):F2}");

    [Fact]
    public void WithoutWeight_OrWithoutCounts_TheBigramAddsNothing()
    {
        var off = new LayoutModel(Committed.Parameters with { SequenceWeight = 0 });
        var none = new LayoutModel(Committed.Parameters with { Successors = null });
        Assert.Equal(0, off.Sequence("(", ")"));
        Assert.Equal(0, none.Sequence("(", ")"));
    }

    [Fact]
    public void AnUnseenPair_CostsABoundedAmount()
    {
        var counts = new Dictionary<string, IReadOnlyDictionary<string, int>>
        {
            [LayoutParameters.LineStart] = new Dictionary<string, int> { ["1"] = 98, ["2"] = 0, ["("] = 0 },
        };
        var model = new LayoutModel(Committed.Parameters with { Successors = counts, SequenceWeight = 1 });
        // (0 + 1) / (98 + 3) of three labels: log(3 / 101).
        Assert.Equal(Math.Log(3.0 / 101), model.Sequence(null, "2"), 6);
        Assert.Equal(Math.Log(3.0 * 99 / 101), model.Sequence(null, "1"), 6);
    }
}
