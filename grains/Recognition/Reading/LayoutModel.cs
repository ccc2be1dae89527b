using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Segmentation;

namespace MathCluster.Recognition.Reading;

/// <summary>
/// Layout log-likelihoods for the reading search, from <see cref="LayoutParameters"/>. Sizes and positions are relative
/// to the line (<see cref="LineMetrics"/>). Deviations are floored so that parameters estimated on tidy composed canvases
/// do not punish a hand that is a little less regular (gaps most: the composer spaces more evenly than people do).
/// </summary>
public sealed class LayoutModel(LayoutParameters parameters)
{
    private const double MinSizeDeviation = 0.1, MinOffsetDeviation = 0.06, MinGapDeviation = 0.12;

    public static LayoutModel Default { get; } = new(LayoutParameters.Default);

    public LayoutParameters Parameters => parameters;

    /// <summary>What each symbol of a reading earns (see <see cref="LayoutParameters.SymbolBonus"/>).</summary>
    public double SymbolBonus => parameters.SymbolBonus;

    /// <summary>How well a symbol read as <paramref name="label"/> fits the line by its size and height; 0 on a line of one group (nothing to compare with).</summary>
    public double Symbol(string label, PixelBox box, LineMetrics line)
    {
        if (line.Groups < 2 || !parameters.Symbols.TryGetValue(label, out var layout)) return 0;
        double logHeight = Math.Log(Math.Max(1, box.Height) / line.SymbolHeight);
        double logWidth = Math.Log(Math.Max(1, box.Width) / line.SymbolHeight);
        double offset = (box.Y + box.Height / 2.0 - line.Middle) / line.SymbolHeight;
        return layout.LogHeight.LogRatioToMode(logHeight, MinSizeDeviation) + layout.LogWidth.LogRatioToMode(logWidth, MinSizeDeviation)
             + layout.Offset.LogRatioToMode(offset, MinOffsetDeviation);
    }

    /// <summary>How well the space between two neighbouring symbols fits: digits of one number sit closer than an operator and its operands.</summary>
    public double Gap(string left, PixelBox leftBox, string right, PixelBox rightBox, LineMetrics line)
    {
        double gap = -leftBox.HorizontalOverlap(rightBox) / (double)line.SymbolHeight;
        var normal = IsDigit(left) && IsDigit(right) ? parameters.DigitGap : parameters.OtherGap;
        return normal.LogRatioToMode(gap, MinGapDeviation);
    }

    /// <summary>
    /// How much likelier <paramref name="label"/> is after <paramref name="previous"/> (null: at the start of a line) than
    /// any label at random, weighed by <see cref="LayoutParameters.SequenceWeight"/>: log(K · P(label | previous)), with
    /// add-one smoothing over the K labels seen, so unseen pairs cost a bounded amount and an unknown model costs nothing.
    /// </summary>
    public double Sequence(string? previous, string label)
    {
        string key = previous ?? LayoutParameters.LineStart;
        if (parameters.SequenceWeight == 0 || parameters.Successors is not { } successors || !successors.TryGetValue(key, out var next)) return 0;
        var (classes, totals) = _sequenceTotals.Value;
        double probability = (next.GetValueOrDefault(label) + 1.0) / (totals[key] + classes);
        return parameters.SequenceWeight * Math.Log(classes * probability);
    }

    // Counted once, not on each of the search's label steps: the labels seen, and how many follow each label.
    private readonly Lazy<(int Classes, Dictionary<string, int> Totals)> _sequenceTotals = new(() =>
    (
        parameters.Successors!.Values.SelectMany(n => n.Keys).Distinct().Count(),
        parameters.Successors!.ToDictionary(p => p.Key, p => p.Value.Values.Sum())
    ));

    /// <summary>
    /// log P(gap bin, same or different symbol) for two neighbouring groups <paramref name="gap"/> line heights apart, of
    /// ink components or of pen strokes; 0 for strokes when the parameters have no stroke counts.
    /// </summary>
    public double Boundary(float gap, bool sameSymbol, bool strokes)
    {
        if (strokes && parameters.Strokes is null) return 0;
        var (same, different) = strokes ? (parameters.Strokes!.SameSymbolGaps, parameters.Strokes.DifferentSymbolGaps) : (parameters.SameSymbolGaps, parameters.DifferentSymbolGaps);
        int bin = 0;
        while (bin < parameters.GapBinEdges.Count && gap >= parameters.GapBinEdges[bin]) bin++;
        var counts = sameSymbol ? same : different;
        double all = same.Sum() + different.Sum() + 2.0 * counts.Count;
        return Math.Log((counts[bin] + 1.0) / all);
    }

    /// <summary>log P(one symbol or several) for a group of stacked atoms (pen strokes counted apart when the parameters have them).</summary>
    public double Stacked(bool oneSymbol, bool strokes)
    {
        var (oneCount, severalCount) = strokes && parameters.Strokes is { } s
            ? (s.StackedOneSymbol, s.StackedSeveralSymbols)
            : (parameters.StackedOneSymbol, parameters.StackedSeveralSymbols);
        double one = oneCount + 1.0, several = severalCount + 1.0;
        return Math.Log((oneSymbol ? one : several) / (one + several));
    }

    /// <summary>log P(one symbol or two that touch) for an ink component as wide as two symbols.</summary>
    public double Wide(bool twoSymbols)
    {
        double one = parameters.WideOneSymbol + 1.0, two = parameters.WideTwoSymbols + 1.0;
        return Math.Log((twoSymbols ? two : one) / (one + two));
    }

    internal static bool IsDigit(string label) => label is [>= '0' and <= '9'];
}
