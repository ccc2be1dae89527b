using MathCluster.Recognition.Imaging;

namespace MathCluster.TestSupport;

/// <summary>
/// Composes 2-D formulas (decimals, stacked and nested fractions, powers, powers of brackets, fractions in brackets
/// and mixes of them) from handwritten glyphs, at handwriting proportions: digits of one height per canvas,
/// operators about half as large, exponents about half size and raised to the upper right, fraction bars and
/// decimal points drawn with a pen, every position and gap jittered.
/// </summary>
public sealed class FormulaComposer(IReadOnlyDictionary<string, IReadOnlyList<InkImage>> glyphs, int seed)
{
    public static IReadOnlyList<string> Kinds { get; } =
        ["decimal", "fraction", "nested fraction", "power", "power of a bracket", "fraction in brackets", "mix"];

    private const float Margin = 20;
    private readonly Random _random = new(seed);
    private readonly Dictionary<InkImage, InkImage> _cropped = [];

    /// <summary>The next formula; kinds take turns.</summary>
    public ComposedFormula Next(int index)
    {
        string kind = Kinds[index % Kinds.Count];
        return Compose(kind, RandomTerm(kind));
    }

    /// <summary>Lays out <paramref name="term"/> with a random digit height, sometimes followed by "=".</summary>
    public ComposedFormula Compose(string kind, FormulaTerm term)
    {
        float digit = _random.Next(50, 100);
        var laid = Lay(term, digit);
        if (_random.NextDouble() < 0.25) laid = Beside(laid, Operator("=", digit), digit);
        float dx = Margin - laid.Left, dy = Margin - laid.Top;
        var symbols = laid.Items.Select(item => item with { Box = item.Box with { X = item.Box.X + (int)dx, Y = item.Box.Y + (int)dy } }).ToList();
        return new ComposedFormula(kind, term, (int)(laid.Right - laid.Left + 2 * Margin), (int)(laid.Bottom - laid.Top + 2 * Margin), symbols);
    }

    private FormulaTerm RandomTerm(string kind) => kind switch
    {
        "decimal" => Row(Decimal(), Decimal(), _random.NextDouble() < 0.3 ? Number() : null),
        "fraction" => Pick(
            () => Fraction(Small(), Number()),
            () => Row(Fraction(Small(), Number()), Number()),
            () => Row(Number(), Fraction(Row(Number(), Number()), Number())),
            () => Row(Fraction(Number(), Number()), Fraction(Number(), Number()))),
        "nested fraction" => Pick(
            () => new FractionTerm(Number(), Fraction(Number(), Number())),
            () => new FractionTerm(Fraction(Number(), Number()), Number()),
            () => Row(Number(), new FractionTerm(Row(Number(), Number()), Fraction(Number(), Number())))),
        "power" => Pick(
            () => new PowerTerm(Small(), _random.Next(2, 4)),
            () => Row(new PowerTerm(Number(), _random.Next(2, 4)), Number()),
            () => Row(Number(), new PowerTerm(Number(), _random.Next(0, 4)))),
        "power of a bracket" => Pick(
            () => new PowerTerm(new BracketTerm(Row(Number(), Number())), _random.Next(2, 4)),
            () => Row(Number(), new PowerTerm(new BracketTerm(Row(Number(), Number())), 2))),
        "fraction in brackets" => Pick(
            () => Row(Number(), new BracketTerm(Row(Fraction(Number(), Number()), Number()))),
            () => Row(new BracketTerm(Fraction(Number(), Number())), Number()),
            () => new PowerTerm(new BracketTerm(Fraction(Number(), Number())), 2)),
        _ => Pick(
            () => Row(Fraction(Decimal(), Number()), new PowerTerm(Number(), 2)),
            () => Row(Decimal(), Fraction(Number(), Number())),
            () => new FractionTerm(new PowerTerm(Number(), 2), Row(Decimal(), Number())),
            () => Row(new PowerTerm(Fraction(Number(), Number()), 2), Decimal())),
    };

    private FormulaTerm Pick(params Func<FormulaTerm>[] choices) => choices[_random.Next(choices.Length)]();

    private NumberTerm Number() => new(_random.Next(2) == 0 ? _random.Next(1, 10).ToString() : _random.Next(10, 100).ToString());

    private NumberTerm Small() => new(_random.Next(1, 10).ToString());

    private NumberTerm Decimal() =>
        new($"{_random.Next(0, _random.Next(2) == 0 ? 10 : 100)}.{_random.Next(1, _random.Next(2) == 0 ? 10 : 100)}");

    private FractionTerm Fraction(FormulaTerm numerator, FormulaTerm denominator) => new(numerator, denominator);

    private RowTerm Row(params FormulaTerm?[] operands)
    {
        var present = operands.OfType<FormulaTerm>().ToList();
        // ÷ only before a term that is not zero.
        var operators = present.Skip(1).Select(operand => new[] { "+", "-", "×", "÷" }[_random.Next(4)] is var op && op == "÷" && operand.Value.IsZero ? "×" : op).ToList();
        return new RowTerm(present, operators);
    }

    /// <summary>Symbols placed around an origin: x grows right, y down, the row's middle line at y = 0.</summary>
    private sealed record Laid(List<PlacedSymbol> Items, float Left, float Top, float Right, float Bottom)
    {
        public float Width => Right - Left;
        public float Height => Bottom - Top;
    }

    private Laid Lay(FormulaTerm term, float digit) => term switch
    {
        NumberTerm number => LayNumber(number.Text, digit),
        RowTerm row => row.Operators.Select((op, i) => (op, operand: row.Operands[i + 1]))
            .Aggregate(Lay(row.Operands[0], digit), (left, next) => Beside(Beside(left, Operator(next.op, digit), digit), Lay(next.operand, digit), digit)),
        FractionTerm fraction => LayFraction(fraction, digit),
        PowerTerm power => LayPower(power, digit),
        BracketTerm bracket => LayBracket(bracket, digit),
        _ => throw new ArgumentOutOfRangeException(nameof(term)),
    };

    private Laid LayNumber(string text, float digit)
    {
        Laid? laid = null;
        foreach (char c in text)
        {
            Laid next;
            if (c == '.')
            {
                float pen = Math.Max(3, digit * Jitter(0.08f, 0.16f));
                float baseline = digit / 2 - Jitter(-0.02f, 0.08f) * digit;
                next = Single(new PlacedSymbol(".", Rect(0, baseline - pen, pen, pen), null, false, pen));
            }
            else next = Glyph(c.ToString(), digit * Jitter(0.85f, 1.1f), digit * Jitter(-0.06f, 0.06f), digit);
            laid = laid is null ? next : Join(laid, next, digit * Jitter(0.06f, 0.18f));
        }
        return laid!;
    }

    private Laid Operator(string label, float digit) => Glyph(label, digit * Jitter(0.45f, 0.6f), digit * Jitter(-0.05f, 0.05f), digit, fitLongerSide: true);

    private Laid Beside(Laid left, Laid right, float digit) => Join(left, right, digit * Jitter(0.15f, 0.4f));

    private Laid LayFraction(FractionTerm fraction, float digit)
    {
        Laid numerator = Lay(fraction.Numerator, digit), denominator = Lay(fraction.Denominator, digit);
        float pen = Math.Max(3, digit * Jitter(0.07f, 0.12f));
        float width = Math.Max(numerator.Width, denominator.Width) + digit * Jitter(0.1f, 0.5f);
        float slant = digit * Jitter(-0.08f, 0.08f);
        var bar = new PlacedSymbol("-", Rect(0, -pen / 2 - Math.Max(0, -slant), width, pen + Math.Abs(slant)), null, true, pen);
        var items = new List<PlacedSymbol> { bar };
        float gap = digit * Jitter(0.1f, 0.25f);
        items.AddRange(Shift(numerator, (width - numerator.Width) / 2 - numerator.Left + digit * Jitter(-0.1f, 0.1f), -gap - pen / 2 - numerator.Bottom).Items);
        items.AddRange(Shift(denominator, (width - denominator.Width) / 2 - denominator.Left + digit * Jitter(-0.1f, 0.1f), gap + pen / 2 - denominator.Top).Items);
        return Bounds(items);
    }

    private Laid LayPower(PowerTerm power, float digit)
    {
        Laid @base = Lay(power.Base, digit);
        float small = digit * Jitter(0.45f, 0.68f);
        Laid exponent = LayNumber(power.Exponent.ToString(), small);
        // The exponent's middle sits near the top of the base.
        float middle = @base.Top + digit * Jitter(-0.05f, 0.2f);
        var shifted = Shift(exponent, @base.Right + digit * Jitter(0.02f, 0.12f) - exponent.Left, middle);
        return Bounds([.. @base.Items, .. shifted.Items]);
    }

    private Laid LayBracket(BracketTerm bracket, float digit)
    {
        Laid inner = Lay(bracket.Inner, digit);
        float height = Math.Max(digit * Jitter(1.05f, 1.2f), inner.Height + digit * Jitter(0.1f, 0.3f));
        float middle = (inner.Top + inner.Bottom) / 2;
        Laid open = Glyph("(", height, middle, digit, maxWidth: 0.45f * digit);
        Laid close = Glyph(")", height, middle, digit, maxWidth: 0.45f * digit);
        return Join(Join(open, inner, digit * Jitter(0.05f, 0.2f)), close, digit * Jitter(0.05f, 0.2f));
    }

    /// <summary>A random held-out glyph of <paramref name="label"/>, <paramref name="size"/> tall (or on its longer side), centred at y.</summary>
    private Laid Glyph(string label, float size, float middle, float digit, bool fitLongerSide = false, float? maxWidth = null)
    {
        var pool = glyphs[label];
        var source = pool[_random.Next(pool.Count)];
        if (!_cropped.TryGetValue(source, out var ink)) _cropped[source] = ink = InkScaling.CropToInk(source, 0.2f);
        float scale = size / (fitLongerSide ? Math.Max(ink.Width, ink.Height) : ink.Height);
        float width = Math.Clamp(ink.Width * scale, Math.Max(3, 0.08f * digit), maxWidth ?? 1.1f * digit);
        float height = ink.Height * scale;
        return Single(new PlacedSymbol(label, Rect(0, middle - height / 2, width, height), ink, false, 0));
    }

    private static Laid Single(PlacedSymbol item) => new([item], item.Box.X, item.Box.Y, item.Box.Right, item.Box.Bottom);

    private static Laid Join(Laid left, Laid right, float gap) =>
        Bounds([.. left.Items, .. Shift(right, left.Right + gap - right.Left, 0).Items]);

    private static Laid Shift(Laid laid, float dx, float dy) =>
        Bounds(laid.Items.Select(i => i with { Box = i.Box with { X = i.Box.X + (int)MathF.Round(dx), Y = i.Box.Y + (int)MathF.Round(dy) } }).ToList());

    private static Laid Bounds(List<PlacedSymbol> items) =>
        new(items, items.Min(i => i.Box.X), items.Min(i => i.Box.Y), items.Max(i => i.Box.Right), items.Max(i => i.Box.Bottom));

    private static PixelBox Rect(float x, float y, float width, float height) =>
        new((int)MathF.Round(x), (int)MathF.Round(y), Math.Max(1, (int)MathF.Round(width)), Math.Max(1, (int)MathF.Round(height)));

    private float Jitter(float from, float to) => from + (float)_random.NextDouble() * (to - from);
}
