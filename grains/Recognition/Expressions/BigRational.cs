using System.Globalization;
using System.Numerics;

namespace MathCluster.Recognition.Expressions;

/// <summary>
/// An exact rational number over <see cref="BigInteger"/>. It is always kept in lowest terms with a positive
/// denominator, so equal values are equal field by field and arithmetic on a recognised expression never rounds.
/// </summary>
public readonly record struct BigRational
{
    /// <summary>Fraction digits shown by <see cref="ToDecimalString"/> when the expansion does not terminate.</summary>
    public const int MaxFractionDigits = 12;

    // Stored as denominator - 1 so that default(BigRational) is a valid zero (0/1) and the synthesized
    // field-wise equality agrees with it.
    private readonly BigInteger _denominatorMinusOne;

    /// <exception cref="DivideByZeroException"><paramref name="denominator"/> is zero.</exception>
    public BigRational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("The denominator of a rational number cannot be zero.");
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        // gcd(0, d) is d, which also turns every zero into 0/1.
        BigInteger divisor = BigInteger.GreatestCommonDivisor(numerator, denominator);
        Numerator = numerator / divisor;
        _denominatorMinusOne = denominator / divisor - 1;
    }

    public static BigRational Zero => default;

    public static BigRational One => new(BigInteger.One, BigInteger.One);

    public BigInteger Numerator { get; }

    public BigInteger Denominator => _denominatorMinusOne + 1;

    public bool IsZero => Numerator.IsZero;

    public bool IsInteger => _denominatorMinusOne.IsZero;

    public static implicit operator BigRational(BigInteger value) => new(value, BigInteger.One);

    public static implicit operator BigRational(long value) => new(value, BigInteger.One);

    public static BigRational operator -(BigRational value) => new(-value.Numerator, value.Denominator);

    public static BigRational operator +(BigRational left, BigRational right) =>
        new(left.Numerator * right.Denominator + right.Numerator * left.Denominator, left.Denominator * right.Denominator);

    public static BigRational operator -(BigRational left, BigRational right) =>
        new(left.Numerator * right.Denominator - right.Numerator * left.Denominator, left.Denominator * right.Denominator);

    public static BigRational operator *(BigRational left, BigRational right) =>
        new(left.Numerator * right.Numerator, left.Denominator * right.Denominator);

    /// <exception cref="DivideByZeroException"><paramref name="right"/> is zero.</exception>
    public static BigRational operator /(BigRational left, BigRational right) =>
        right.IsZero
            ? throw new DivideByZeroException("Cannot divide a rational number by zero.")
            : new(left.Numerator * right.Denominator, left.Denominator * right.Numerator);

    /// <summary>"19/2", "-3", "0".</summary>
    public string ToFractionString() =>
        IsInteger
            ? Numerator.ToString(CultureInfo.InvariantCulture)
            : $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The exact decimal when the expansion terminates ("9.5", "-0.125", "26"); otherwise rounded half away from
    /// zero to <see cref="MaxFractionDigits"/> fraction digits with trailing zeros trimmed ("0.666666666667").
    /// </summary>
    public string ToDecimalString()
    {
        int fractionDigits = TerminatingFractionDigits(Denominator) ?? MaxFractionDigits;

        // One division gives every digit at once; the sign is put back afterwards so rounding is away from zero.
        BigInteger scaled = BigInteger.DivRem(
            BigInteger.Abs(Numerator) * BigInteger.Pow(10, fractionDigits), Denominator, out BigInteger remainder);
        if (remainder * 2 >= Denominator) scaled += BigInteger.One;

        // A tiny negative value that rounds to nothing is "0", not "-0".
        if (scaled.IsZero) return "0";

        string digits = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(fractionDigits + 1, '0');
        string whole = digits[..^fractionDigits];
        string fraction = digits[^fractionDigits..].TrimEnd('0');
        string sign = Numerator.Sign < 0 ? "-" : "";
        return fraction.Length == 0 ? sign + whole : $"{sign}{whole}.{fraction}";
    }

    public override string ToString() => ToFractionString();

    // The expansion terminates exactly when the denominator is 2^a * 5^b, and then it needs max(a, b) digits.
    private static int? TerminatingFractionDigits(BigInteger denominator)
    {
        int twos = (int)BigInteger.TrailingZeroCount(denominator);
        BigInteger rest = denominator >> twos;
        if (rest.IsOne) return twos;

        // Estimate b from the size and confirm it, instead of dividing out fives one at a time on huge values.
        int fives = (int)Math.Round(BigInteger.Log(rest, 5));
        return BigInteger.Pow(5, fives) == rest ? Math.Max(twos, fives) : null;
    }
}
