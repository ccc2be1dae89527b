using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Expressions;
using MathCluster.Recognition.Imaging;

namespace MathCluster.Recognition.Layout;

/// <summary>
/// Reads the 2-D structure of handwritten arithmetic from symbol boxes and labels. The rules, all relative to the
/// sizes of the symbols themselves (H is a row's symbol height: the median height of the row's symbols other than
/// brackets (a fraction counts with its symbols' height), counting those at least 45 % as tall as the tallest), never to absolute pixels:
/// <list type="number">
/// <item><b>Fraction bar.</b> A line (a '-', or any ink at least 4 times wider than tall; never '=') with symbols
/// entirely above it and entirely below it whose centres lie within its width. The widest bar is read first and
/// takes everything in its span, so bars nest; a '-' with nothing both above and below is a minus.</item>
/// <item><b>Decimal point.</b> A blob no larger than 0.3 H each way and at most 2.2 times wider than tall, between
/// two digits, with its centre in the lower 40 % of the digit before it. Its label is ignored: the classifier has no
/// class for a dot. Such a blob anywhere else (at mid-height, say) is an error, not a decimal point.</item>
/// <item><b>Power.</b> After a digit, a ')' or a fraction, a digit, '(' or fraction whose centre is in the top
/// 35 % of that base (a fraction's base line is as tall as its symbols, centred on its bar), less than 85 % as tall, starts an
/// exponent; every following symbol that is raised the same way belongs to it. The exponent is read as a row of
/// its own.</item>
/// <item><b>Brackets</b> are ordinary row symbols of any height, so a tall pair spans a fraction.</item>
/// <item>A final '=' of the whole formula is ignored.</item>
/// </list>
/// Everything left is a row read left to right by the expression grammar. The work is bounded: at most
/// <see cref="MaxSymbols"/> symbols, quadratic in them, nesting at most <see cref="ExpressionParser.MaxNesting"/> deep.
/// </summary>
public sealed class LayoutParser
{
    public const int MaxSymbols = 1024;

    // How sharply each decision's log-likelihood falls off with its margin (in units of the reference height).
    private const double Sharpness = 10;

    private readonly IReadOnlyList<LayoutSymbol> _symbols;
    private readonly string[] _labels;
    private double _logLikelihood;

    private LayoutParser(IReadOnlyList<LayoutSymbol> symbols)
    {
        _symbols = symbols;
        _labels = symbols.Select(s => s.Label).ToArray();
    }

    /// <summary>Reads the symbols with the labels given; any boxes and labels give a reading, never an exception.</summary>
    public static LayoutReading Parse(IReadOnlyList<LayoutSymbol> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (symbols.Any(s => s is null)) throw new ArgumentException("A symbol is null.", nameof(symbols));
        var parser = new LayoutParser(symbols);
        // On failure the expression is the labels in left-to-right order, as near to what was written as can be said.
        string written = ExpressionTokenizer.ToAscii(symbols.OrderBy(s => s.Box.X).Select(s => s.Label).ToList());
        if (symbols.Count == 0 || symbols.All(s => s.Label == SymbolClasses.EqualsSign))
        {
            return parser.Failed(ExpressionResult.Empty(written, symbols.Count == 0
                ? "Nothing to evaluate: no symbols were recognised."
                : "Nothing to evaluate: only '=' was recognised."));
        }
        if (symbols.Count > MaxSymbols)
            return parser.Failed(ExpressionResult.SyntaxError(written, $"Too many symbols: at most {MaxSymbols} can be read as one formula.", null));

        MathNode tree;
        try
        {
            tree = parser.Row(Enumerable.Range(0, symbols.Count).ToList(), depth: 0, whole: true);
        }
        catch (ExpressionSyntaxException exception)
        {
            return parser.Failed(ExpressionResult.SyntaxError(written, exception.Message, exception.SymbolIndex));
        }

        return new LayoutReading(ExpressionEvaluator.EvaluateTree(tree), tree, parser._labels, parser._logLikelihood);
    }

    /// <summary>
    /// Searches the candidates' labels together with the layout: label assignments are tried from the most probable
    /// down, each is parsed, and the reading with the best <see cref="LayoutReading.Score"/> that forms a formula wins.
    /// The search stops once no untried assignment could beat it, or after <paramref name="maxReadings"/> parses.
    /// When no assignment forms a formula, the reading of the most probable labels is returned with its error.
    /// </summary>
    public static LayoutReading ParseBest(IReadOnlyList<LayoutCandidate> candidates, int maxReadings = 64)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReadings, 1);
        var options = candidates.Select(c => c.Labels.Count > 0 ? c.Labels : throw new ArgumentException("Every candidate needs a label.", nameof(candidates))).ToArray();
        double LogProbability(int[] choice) => choice.Select((c, i) => Math.Log(Math.Max(options[i][c].Confidence, 1e-9))).Sum();

        var queue = new PriorityQueue<int[], double>();
        var seen = new HashSet<string>();
        var start = new int[options.Length];
        queue.Enqueue(start, -LogProbability(start));
        seen.Add(string.Join(',', start));
        LayoutReading? first = null, best = null;
        for (int tried = 0; tried < maxReadings && queue.TryDequeue(out var choice, out double negativeLogProbability); tried++)
        {
            // Layout log-likelihoods are never positive, so no later assignment can beat the best found so far.
            if (best is not null && -negativeLogProbability <= best.Score) break;

            var symbols = candidates.Select((c, i) => new LayoutSymbol(c.Box, options[i][choice[i]].Label)).ToArray();
            var reading = Parse(symbols) with { LabelLogProbability = -negativeLogProbability };
            first ??= reading;
            if (reading.Evaluation.ErrorKind is not (ExpressionErrorKind.Syntax or ExpressionErrorKind.Empty) && (best is null || reading.Score > best.Score))
                best = reading;

            for (int i = 0; i < options.Length; i++)
            {
                if (choice[i] + 1 >= options[i].Count) continue;
                var next = (int[])choice.Clone();
                next[i]++;
                if (seen.Add(string.Join(',', next))) queue.Enqueue(next, -LogProbability(next));
            }
        }

        return best ?? first!;
    }

    private LayoutReading Failed(ExpressionResult result) => new(result, null, _labels, _logLikelihood);

    /// <summary>
    /// A unit of a row: one symbol, or a whole stacked fraction (its bar and everything above and below).
    /// <paramref name="LineHeight"/> is a symbol's own height, or the height of the symbols in a fraction.
    /// </summary>
    private sealed record Unit(int Symbol, PixelBox Box, double LineHeight, List<int> Members, List<int>? Numerator = null, List<int>? Denominator = null)
    {
        public bool IsFraction => Numerator is not null;
    }

    private MathNode Row(List<int> members, int depth, bool whole = false)
    {
        if (depth > ExpressionParser.MaxNesting)
        {
            int at = members.Min();
            throw new ExpressionSyntaxException($"Too deeply nested: more than {ExpressionParser.MaxNesting} levels of fractions and powers at symbol {at + 1}.", at);
        }

        List<Unit> units = FoldFractions(members);
        units.Sort((a, b) => a.Box.X != b.Box.X ? a.Box.X.CompareTo(b.Box.X) : a.Box.Y.CompareTo(b.Box.Y));
        double height = ReferenceHeight(units);
        MarkDecimalPoints(units, height);
        if (whole && units.Count > 1 && units[^1] is { IsFraction: false } last && _labels[last.Symbol] == SymbolClasses.EqualsSign)
            units.RemoveAt(units.Count - 1);
        return ExpressionParser.Parse(Tokens(units, depth));
    }

    private List<Unit> FoldFractions(List<int> members)
    {
        var free = new HashSet<int>(members);
        var units = new List<Unit>();
        foreach (int bar in members.Where(IsLine).OrderByDescending(i => _symbols[i].Box.Width))
        {
            if (!free.Contains(bar)) continue;
            PixelBox line = _symbols[bar].Box;
            var above = free.Where(i => i != bar && Spans(line, i) && CentreY(_symbols[i].Box) < line.Y && _symbols[i].Box.Bottom <= line.Bottom).ToList();
            var below = free.Where(i => i != bar && Spans(line, i) && CentreY(_symbols[i].Box) > line.Bottom && _symbols[i].Box.Y >= line.Y).ToList();
            if (above.Count == 0 || below.Count == 0) continue;

            free.Remove(bar);
            free.ExceptWith(above);
            free.ExceptWith(below);
            PixelBox box = above.Concat(below).Aggregate(line, (b, i) => b.Union(_symbols[i].Box));
            double content = Math.Max(Union(above).Width, Union(below).Width);
            _logLikelihood += LogSigmoid(Sharpness * (line.Width / content - 0.9));
            double lineHeight = TypicalHeight(above.Concat(below).Where(i => _labels[i] is not (SymbolClasses.Open or SymbolClasses.Close) && !IsLine(i)).Select(i => (double)_symbols[i].Box.Height))
                ?? Math.Min(Union(above).Height, Union(below).Height);
            units.Add(new Unit(bar, box, lineHeight, [bar, .. above, .. below], above, below));
        }

        units.AddRange(members.Where(free.Contains).Select(i => new Unit(i, _symbols[i].Box, _symbols[i].Box.Height, [i])));
        return units;
    }

    private bool IsLine(int i)
    {
        PixelBox box = _symbols[i].Box;
        string label = _labels[i];
        return label != SymbolClasses.EqualsSign && box.Width >= 2 * box.Height && (label == SymbolClasses.Minus || box.Width >= 4 * box.Height);
    }

    private bool Spans(PixelBox line, int i)
    {
        double centre = _symbols[i].Box.X + _symbols[i].Box.Width / 2.0;
        return centre >= line.X && centre <= line.Right;
    }

    private PixelBox Union(List<int> members) => members.Skip(1).Aggregate(_symbols[members[0]].Box, (b, i) => b.Union(_symbols[i].Box));

    // Brackets are left out: a pair spanning a fraction is far taller than the symbols of the line.
    private double ReferenceHeight(List<Unit> units) =>
        TypicalHeight(units.Where(u => u.IsFraction || _labels[u.Symbol] is not (SymbolClasses.Open or SymbolClasses.Close)).Select(u => u.LineHeight))
        ?? units.Max(u => u.LineHeight);

    /// <summary>The median of the heights at least 45 % of the tallest, so operators and dots do not pull it down.</summary>
    internal static double? TypicalHeight(IEnumerable<double> heights)
    {
        var all = heights.ToList();
        if (all.Count == 0) return null;

        double tallest = all.Max();
        var tall = all.Where(h => h >= 0.45 * tallest).Order().ToList();
        return Math.Max(1, tall[tall.Count / 2]);
    }

    private void MarkDecimalPoints(List<Unit> units, double height)
    {
        for (int i = 0; i < units.Count; i++)
        {
            if (units[i].IsFraction || !IsDot(units[i].Box, height)) continue;

            Unit dot = units[i];
            Unit? before = i > 0 ? units[i - 1] : null, after = i + 1 < units.Count ? units[i + 1] : null;
            bool betweenDigits = before is { IsFraction: false } && IsDigit(before.Symbol) && after is { IsFraction: false } && IsDigit(after.Symbol);
            double lowness = before is null ? -1 : (CentreY(dot.Box) - (before.Box.Y + 0.6 * before.Box.Height)) / Math.Max(1, before.Box.Height);
            if (!betweenDigits || lowness < 0 || CentreY(dot.Box) > before!.Box.Bottom + 0.35 * height)
            {
                throw new ExpressionSyntaxException(
                    $"The dot at symbol {dot.Symbol + 1} is not a decimal point: a decimal point sits on the line, between two digits.", dot.Symbol);
            }

            _labels[dot.Symbol] = ExpressionTokenizer.DecimalPoint;
            _logLikelihood += LogSigmoid(Sharpness * lowness);
        }
    }

    private static bool IsDot(PixelBox box, double height) => InkLayout.IsDot(box, height);

    private List<ExpressionToken> Tokens(List<Unit> units, int depth)
    {
        var tokens = new List<ExpressionToken>();
        var run = new List<int>();
        void Flush()
        {
            ExpressionTokenizer.AppendTokens(tokens, run.Select(i => _labels[i]).ToList(), k => run[k], run.Count);
            run.Clear();
        }

        Unit? @base = null;
        for (int i = 0; i < units.Count;)
        {
            Unit unit = units[i];
            if (@base is not null && CanStartExponent(unit))
            {
                double margin = RaisedMargin(unit, @base);
                _logLikelihood += LogSigmoid(Sharpness * Math.Abs(margin));
                if (margin > 0)
                {
                    var exponent = new List<int>();
                    for (; i < units.Count && RaisedMargin(units[i], @base) > 0; i++) exponent.AddRange(units[i].Members);
                    Flush();
                    MathNode node = Row(exponent, depth + 1);
                    tokens.Add(new ExpressionToken(ExpressionTokenKind.Superscript, LinearFormWriter.Write(node), exponent.Min(), node));
                    @base = null;
                    continue;
                }
            }

            if (unit.IsFraction)
            {
                Flush();
                var fraction = new FractionNode(Row(unit.Numerator!, depth + 1), Row(unit.Denominator!, depth + 1), unit.Symbol);
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Operand, LinearFormWriter.Write(fraction), unit.Members.Min(), fraction));
            }
            else run.Add(unit.Symbol);

            @base = unit.IsFraction || IsDigit(unit.Symbol) || _labels[unit.Symbol] == SymbolClasses.Close ? unit : null;
            i++;
        }

        Flush();
        return tokens;
    }

    private bool CanStartExponent(Unit unit) => unit.IsFraction || IsDigit(unit.Symbol) || _labels[unit.Symbol] == SymbolClasses.Open;

    /// <summary>Positive when <paramref name="unit"/> sits raised at the upper right of <paramref name="base"/>, by how much (in base heights).</summary>
    private double RaisedMargin(Unit unit, Unit @base)
    {
        // A fraction's base line is a symbol height centred on its bar.
        double lineHeight = Math.Max(1, @base.LineHeight);
        double top = @base.IsFraction ? CentreY(_symbols[@base.Symbol].Box) - lineHeight / 2 : @base.Box.Y;
        double raised = (top + 0.35 * lineHeight - CentreY(unit.Box)) / lineHeight;
        double smaller = (0.85 * lineHeight - unit.Box.Height) / lineHeight;
        return Math.Min(raised, smaller);
    }

    private bool IsDigit(int i) => ExpressionTokenizer.IsDigit(_labels[i]);

    private static double CentreY(PixelBox box) => box.Y + box.Height / 2.0;

    private static double LogSigmoid(double x) => x >= 0 ? -Math.Log(1 + Math.Exp(-x)) : x - Math.Log(1 + Math.Exp(x));
}
