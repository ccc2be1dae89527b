using System.Numerics;

namespace MathCluster.Recognition.Expressions;

/// <summary>
/// Computes a tree's exact value. Sizes are bounded so that no input can cost unbounded CPU or memory: every
/// value is refused once its numerator or denominator would pass <see cref="MaxDigits"/> digits, and a power is
/// sized from its operands' lengths before it is raised (9^(9^9) is refused at once, not computed).
/// </summary>
internal static class ExactEvaluation
{
    public const int MaxDigits = 10_000;

    private static readonly BigInteger TooLarge = BigInteger.Pow(10, MaxDigits);

    // 10^MaxDigits has this many bits; anything shorter is certainly small enough.
    private static readonly long SafeBits = (long)TooLarge.GetBitLength() - 1;

    /// <exception cref="ExpressionEvaluationException">The value is undefined, not allowed or too large.</exception>
    public static BigRational Evaluate(MathNode node) => node switch
    {
        NumberNode number => Checked(number.Value, number.Symbols[0]),
        SignNode sign => sign.Negative ? -Evaluate(sign.Operand) : Evaluate(sign.Operand),
        GroupNode group => Evaluate(group.Inner),
        ChainNode chain => Chain(chain),
        FractionNode fraction => Divide(Evaluate(fraction.Numerator), Evaluate(fraction.Denominator), fraction.Bar),
        PowerNode power => Power(power),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, "Unknown node."),
    };

    private static BigRational Chain(ChainNode chain)
    {
        BigRational value = Evaluate(chain.First);
        foreach (ChainLink link in chain.Links)
        {
            BigRational right = Evaluate(link.Operand);
            value = link.Operator switch
            {
                MathOperator.Plus => Checked(value + right, link.Symbol),
                MathOperator.Minus => Checked(value - right, link.Symbol),
                MathOperator.Times => Checked(value * right, link.Symbol),
                _ => Divide(value, right, link.Symbol),
            };
        }

        return value;
    }

    private static BigRational Divide(BigRational dividend, BigRational divisor, int symbol) =>
        divisor.IsZero
            ? throw new ExpressionEvaluationException(ExpressionErrorKind.DivisionByZero, "Division by zero: the value is undefined.", symbol)
            : Checked(dividend / divisor, symbol);

    private static BigRational Power(PowerNode power)
    {
        BigRational @base = Evaluate(power.Base);
        BigRational exponent = Evaluate(power.Exponent);
        int symbol = power.Exponent.FirstSymbol();
        if (!exponent.IsInteger)
        {
            throw new ExpressionEvaluationException(ExpressionErrorKind.NonIntegerExponent,
                $"The exponent at symbol {symbol + 1} is {exponent.ToFractionString()}: only whole-number powers can be computed exactly.", symbol);
        }

        BigInteger n = exponent.Numerator;
        if (@base.IsZero)
        {
            return n.Sign < 0
                ? throw new ExpressionEvaluationException(ExpressionErrorKind.DivisionByZero, "Division by zero: the value is undefined.", symbol)
                : n.IsZero ? BigRational.One : BigRational.Zero;
        }

        if (@base.Denominator.IsOne && BigInteger.Abs(@base.Numerator).IsOne)
            return @base.Numerator.Sign < 0 && !n.IsEven ? -BigRational.One : BigRational.One;

        // digits(b^n) is about |n|·log10(b): decided from the logarithms, before anything is raised.
        double magnitude = Math.Max(BigInteger.Log10(BigInteger.Abs(@base.Numerator)), BigInteger.Log10(@base.Denominator));
        if ((double)BigInteger.Abs(n) * magnitude > MaxDigits + 1) throw TooLargeAt(symbol);

        int times = (int)BigInteger.Abs(n);
        var raised = new BigRational(BigInteger.Pow(@base.Numerator, times), BigInteger.Pow(@base.Denominator, times));
        return Checked(n.Sign < 0 ? BigRational.One / raised : raised, symbol);
    }

    private static BigRational Checked(BigRational value, int symbol) =>
        IsTooLarge(value.Numerator) || IsTooLarge(value.Denominator) ? throw TooLargeAt(symbol) : value;

    private static bool IsTooLarge(BigInteger value) =>
        value.GetBitLength() > SafeBits && BigInteger.Abs(value) >= TooLarge;

    private static ExpressionEvaluationException TooLargeAt(int symbol) =>
        new(ExpressionErrorKind.ValueTooLarge, $"Value too large: the result at symbol {symbol + 1} would have more than {MaxDigits:N0} digits.", symbol);
}
