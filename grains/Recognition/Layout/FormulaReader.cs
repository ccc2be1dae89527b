using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Expressions;
using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Reading;
using MathCluster.Recognition.Segmentation;

namespace MathCluster.Recognition.Layout;

/// <summary>One symbol of a formula: where it is, the label it was read as, that label's probability and the others.</summary>
public sealed record FormulaSymbol(PixelBox Box, string Label, float Confidence, IReadOnlyList<LabelScore> Alternatives);

/// <summary>
/// A whole formula read: its symbols in the order <see cref="LayoutReading.Structure"/> indexes them (left to right),
/// the layout reading (value, tree, LaTeX, MathML), and the readings' confidence (the product of the rows' shares of
/// their probability mass).
/// </summary>
public sealed record FormulaReading(IReadOnlyList<FormulaSymbol> Symbols, LayoutReading Reading, double Confidence);

/// <summary>
/// Puts the rows of an <see cref="InkLayout"/>, each read in context by the line reader, back together as one formula:
/// every symbol the rows chose, every fraction bar and every dot go to <see cref="LayoutParser.ParseBest"/>, which
/// decides the structure from the boxes. The rows' labels are tried first; another label of a symbol is tried only
/// when the layout does not read (a row's grammar cannot see the fraction or exponent beside it), ranked by its
/// probability relative to the chosen one.
/// </summary>
public static class FormulaReader
{
    private const int MaxLayoutReadings = 64;

    /// <param name="ReadInContext">Whether the label was chosen by a whole line's grammar, and so is tried first.</param>
    private sealed record Part(PixelBox Box, string Label, float Confidence, IReadOnlyList<LabelScore> Alternatives, bool IsDot, bool ReadInContext);

    /// <param name="rows">The reading of each of <paramref name="layout"/>'s rows, in order.</param>
    /// <param name="barLabels">The classifier's labels of each bar, most probable first.</param>
    public static FormulaReading Read(InkLayout layout, CanvasInk ink, IReadOnlyList<LineReading> rows, IReadOnlyList<IReadOnlyList<LabelScore>> barLabels)
    {
        var parts = new List<Part>();
        for (int r = 0; r < rows.Count; r++)
        foreach (var symbol in rows[r].Symbols)
            parts.Add(new Part(symbol.Group.Box, symbol.Label, symbol.Confidence, symbol.Alternatives, false, layout.Rows[r].IsWhole));
        for (int i = 0; i < layout.Bars.Count; i++)
        {
            var labels = barLabels[i];
            float minus = labels.FirstOrDefault(l => l.Label == SymbolClasses.Minus).Confidence;
            parts.Add(new Part(ink.Atoms[layout.Bars[i]], SymbolClasses.Minus, minus, labels.Where(l => l.Label != SymbolClasses.Minus).ToList(), false, true));
        }
        foreach (int dot in layout.Dots)
            parts.Add(new Part(ink.Atoms[dot], SymbolClasses.Minus, 1, [], true, true));
        parts.Sort((a, b) => CentreX(a.Box) != CentreX(b.Box) ? CentreX(a.Box).CompareTo(CentreX(b.Box)) : a.Box.Y.CompareTo(b.Box.Y));

        // A flat line read whole by its grammar stands as read; the 2-D search is for what the line could not see.
        var reading = layout.IsFlat && rows is [{ Grammatical: true }] ? Flat(parts.Select(p => p.Label).ToList()) : null;
        reading ??= LayoutParser.ParseBest(parts.Select(p => new LayoutCandidate(p.Box, Ranked(p))).ToList(), MaxLayoutReadings);

        var symbols = parts.Select((p, i) => Symbol(p, reading.Labels[i])).ToList();
        double confidence = rows.Aggregate(1.0, (product, r) => product * r.Confidence);
        return new FormulaReading(symbols, reading, confidence);
    }

    /// <summary>
    /// A label read in context first, the others by probability relative to it, so the first reading tried is the
    /// row's; a label read without the grammar competes by its probability alone.
    /// </summary>
    private static IReadOnlyList<LabelScore> Ranked(Part part)
    {
        if (!part.ReadInContext) return [.. part.Alternatives.Append(new LabelScore(part.Label, part.Confidence)).OrderByDescending(l => l.Confidence)];
        float chosen = Math.Max(part.Confidence, 1e-6f);
        return [new LabelScore(part.Label, 1), .. part.Alternatives.Select(a => new LabelScore(a.Label, Math.Min(1, a.Confidence / chosen)))];
    }

    private static FormulaSymbol Symbol(Part part, string label)
    {
        if (part.IsDot) return new FormulaSymbol(part.Box, ExpressionTokenizer.DecimalPoint, 1, []);
        if (label == part.Label) return new FormulaSymbol(part.Box, label, part.Confidence, part.Alternatives);
        var all = part.Alternatives.Append(new LabelScore(part.Label, part.Confidence)).OrderByDescending(l => l.Confidence).ToList();
        // A decimal point is decided by the layout alone; the classifier has no class for it.
        float confidence = label == ExpressionTokenizer.DecimalPoint ? 1 : all.First(l => l.Label == label).Confidence;
        return new FormulaSymbol(part.Box, label, confidence, all.Where(l => l.Label != label).ToList());
    }

    private static int CentreX(PixelBox box) => box.X + box.Width / 2;

    /// <summary>A flat line as the line grammar reads it (the 2-D rules have nothing to add to it).</summary>
    private static LayoutReading? Flat(IReadOnlyList<string> labels)
    {
        try
        {
            var tree = ExpressionParser.Parse(ExpressionTokenizer.Tokenize(labels));
            return new LayoutReading(ExpressionEvaluator.EvaluateTree(tree), tree, labels, 0);
        }
        catch (ExpressionSyntaxException)
        {
            return null;
        }
    }
}
