using System.Diagnostics;
using System.Numerics;
using MathCluster.Recognition.Expressions;

namespace MathCluster.Recognition.Tests.Expressions;

public class BigRationalTests
{
    [Theory]
    [InlineData(6, 4, 3, 2)]
    [InlineData(6, -4, -3, 2)]
    [InlineData(-6, -4, 3, 2)]
    [InlineData(0, -5, 0, 1)]
    [InlineData(7, 1, 7, 1)]
    public void Constructor_ReducesAndKeepsTheDenominatorPositive(long numerator, long denominator, long expectedNumerator, long expectedDenominator)
    {
        var value = new BigRational(numerator, denominator);

        Assert.Equal(new BigInteger(expectedNumerator), value.Numerator);
        Assert.Equal(new BigInteger(expectedDenominator), value.Denominator);
    }

    [Fact]
    public void Default_IsZeroOverOne()
    {
        BigRational value = default;

        Assert.Equal(BigInteger.One, value.Denominator);
        Assert.Equal(new BigRational(0, 9), value);
        Assert.Equal(BigRational.Zero, value);
        Assert.True(value.IsZero);
        Assert.Equal("0", value.ToFractionString());
    }

    [Fact]
    public void EqualValues_AreEqualWithEqualHashes()
    {
        var half = new BigRational(1, 2);
        var alsoHalf = new BigRational(-50, -100);

        Assert.True(half == alsoHalf);
        Assert.Equal(half.GetHashCode(), alsoHalf.GetHashCode());
        Assert.NotEqual(half, new BigRational(1, 3));
    }

    [Fact]
    public void Constructor_WithZeroDenominator_Throws() =>
        Assert.Throws<DivideByZeroException>(() => new BigRational(1, 0));

    [Fact]
    public void Arithmetic_IsExact()
    {
        var half = new BigRational(1, 2);
        var third = new BigRational(1, 3);

        Assert.Equal(new BigRational(5, 6), half + third);
        Assert.Equal(new BigRational(1, 6), half - third);
        Assert.Equal(new BigRational(1, 6), half * third);
        Assert.Equal(new BigRational(3, 2), half / third);
        Assert.Equal(new BigRational(-1, 2), -half);
        Assert.Equal(BigRational.One, third * 3);
        Assert.Equal(BigRational.Zero, half - half);
    }

    [Fact]
    public void Division_ByZero_Throws() =>
        Assert.Throws<DivideByZeroException>(() => new BigRational(1, 2) / BigRational.Zero);

    [Fact]
    public void HugeProducts_AreExact()
    {
        BigRational nines = BigInteger.Parse("99999999999999999999");

        BigRational product = nines * nines;

        Assert.Equal(BigInteger.Parse("9999999999999999999800000000000000000001"), product.Numerator);
        Assert.True(product.IsInteger);
        Assert.Equal("9999999999999999999800000000000000000001", product.ToDecimalString());
    }

    [Theory]
    [InlineData(19, 2, "19/2")]
    [InlineData(-3, 1, "-3")]
    [InlineData(0, 7, "0")]
    [InlineData(3, -6, "-1/2")]
    public void ToFractionString_WritesLowestTerms(long numerator, long denominator, string expected) =>
        Assert.Equal(expected, new BigRational(numerator, denominator).ToFractionString());

    [Theory]
    [InlineData(19, 2, "9.5")]
    [InlineData(-1, 8, "-0.125")]
    [InlineData(26, 1, "26")]
    [InlineData(-26, 1, "-26")]
    [InlineData(0, 3, "0")]
    [InlineData(1, 1024, "0.0009765625")]
    [InlineData(1, 2_000_000_000_000, "0.0000000000005")]
    [InlineData(3, 40, "0.075")]
    public void ToDecimalString_IsExactWhenTheExpansionTerminates(long numerator, long denominator, string expected) =>
        Assert.Equal(expected, new BigRational(numerator, denominator).ToDecimalString());

    [Theory]
    [InlineData(1, 3, "0.333333333333")]
    [InlineData(2, 3, "0.666666666667")]
    [InlineData(-2, 3, "-0.666666666667")]
    [InlineData(5, 7, "0.714285714286")]
    [InlineData(22, 7, "3.142857142857")]
    [InlineData(1, 6, "0.166666666667")]
    [InlineData(1, 33_000_000_000_000, "0")]
    [InlineData(-1, 33_000_000_000_000, "0")]
    [InlineData(1, 3_000_000_000, "0.000000000333")]
    [InlineData(101, 99_000_000_000, "0.00000000102")]
    public void ToDecimalString_RoundsRepeatingExpansionsHalfAwayFromZero(long numerator, long denominator, string expected) =>
        Assert.Equal(expected, new BigRational(numerator, denominator).ToDecimalString());

    [Fact]
    public void ToDecimalString_OfALongTerminatingExpansion_IsExact()
    {
        var value = new BigRational(1, BigInteger.Pow(2, 40));

        Assert.Equal("0." + BigInteger.Pow(5, 40).ToString().PadLeft(40, '0'), value.ToDecimalString());
    }

    [Fact]
    public void ToDecimalString_OfHugeValues_IsExactAndQuick()
    {
        BigInteger huge = BigInteger.Pow(7, 40_000); // about 34,000 digits
        var clock = Stopwatch.StartNew();

        string whole = new BigRational(huge, 1).ToDecimalString();
        string thirds = new BigRational(huge, 3).ToDecimalString(); // 7^n ≡ 1 (mod 3): repeats .333…
        string fives = new BigRational(1, BigInteger.Pow(5, 3_000)).ToDecimalString();

        clock.Stop();
        Assert.Equal(huge.ToString(), whole);
        Assert.Equal((huge / 3).ToString() + ".333333333333", thirds);
        Assert.Equal(3_002, fives.Length);
        Assert.EndsWith(BigInteger.Pow(2, 3_000).ToString(), fives);
        // Generous: the work is a few big multiplications and divisions, milliseconds even on a busy machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Took {clock.Elapsed}.");
    }
}
