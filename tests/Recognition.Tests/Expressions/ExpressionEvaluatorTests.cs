using System.Numerics;
using MathCluster.Recognition.Expressions;

namespace MathCluster.Recognition.Tests.Expressions;

public class ExpressionEvaluatorTests
{
    [Theory]
    [InlineData("2+3×4", "14")]
    [InlineData("2×3+4", "10")]
    [InlineData("12+7×(3-1)", "26")]
    [InlineData("1+6÷3-2", "1")]
    [InlineData("2÷3", "2/3")]
    [InlineData("1÷3+1÷6", "1/2")]
    [InlineData("007+3", "10")]
    public void Evaluate_AppliesPrecedence(string symbols, string expected) => AssertValue(symbols, expected);

    [Theory]
    [InlineData("10-4-3", "3")]
    [InlineData("8/4/2", "1")]
    [InlineData("8÷4÷2", "1")]
    [InlineData("8÷4×2", "4")]
    [InlineData("1-2+3", "2")]
    [InlineData("2×3÷4×5", "15/2")]
    public void Evaluate_IsLeftAssociative(string symbols, string expected) => AssertValue(symbols, expected);

    [Theory]
    [InlineData("(2+3)×4", "20")]
    [InlineData("10-(4-3)", "9")]
    [InlineData("8/(4/2)", "4")]
    [InlineData("((7))", "7")]
    [InlineData("((1+2)×(3+4))÷(5-2)", "7")]
    public void Evaluate_HonoursParentheses(string symbols, string expected) => AssertValue(symbols, expected);

    [Theory]
    [InlineData("-3", "-3")]
    [InlineData("+5", "5")]
    [InlineData("2×-3", "-6")]
    [InlineData("-(4+1)", "-5")]
    [InlineData("--3", "3")]
    [InlineData("---3", "-3")]
    [InlineData("2--3", "5")]
    [InlineData("2+-3", "-1")]
    [InlineData("-2×-3", "6")]
    [InlineData("(-4)÷8", "-1/2")]
    [InlineData("6÷-(1+2)", "-2")]
    [InlineData("-2+5", "3")]
    public void Evaluate_AcceptsSignsBeforeAnOperand(string symbols, string expected) => AssertValue(symbols, expected);

    [Fact]
    public void Evaluate_IgnoresOneTrailingEquals()
    {
        ExpressionResult result = ExpressionEvaluator.Evaluate(Labels.From("3+4="));

        Assert.Equal(ExpressionErrorKind.None, result.ErrorKind);
        Assert.Equal((BigRational)7, result.Value);
        Assert.Equal("3+4", result.Expression);
        Assert.Null(result.Error);
        Assert.Null(result.ErrorSymbolIndex);
    }

    [Fact]
    public void Evaluate_WritesTheExpressionInAscii()
    {
        ExpressionResult result = ExpressionEvaluator.Evaluate(["1", "2", "+", "7", "×", "(", "3", "-", "1", ")"]);

        Assert.Equal("12+7*(3-1)", result.Expression);
        Assert.Equal((BigRational)26, result.Value);
    }

    [Fact]
    public void Evaluate_TreatsDivideSignAndSlashAlike()
    {
        ExpressionResult divideSign = ExpressionEvaluator.Evaluate(Labels.From("9÷4"));
        ExpressionResult slash = ExpressionEvaluator.Evaluate(Labels.From("9/4"));

        Assert.Equal(new BigRational(9, 4), divideSign.Value);
        Assert.Equal(divideSign, slash);
        Assert.Equal("9/4", slash.Expression);
        Assert.Equal("2.25", slash.Value!.Value.ToDecimalString());
    }

    [Fact]
    public void Evaluate_KeepsHugeNumbersExact()
    {
        ExpressionResult result = ExpressionEvaluator.Evaluate(Labels.From("99999999999999999999×99999999999999999999"));

        Assert.Equal((BigRational)BigInteger.Parse("9999999999999999999800000000000000000001"), result.Value);
    }

    [Fact]
    public void Evaluate_ReadsArbitrarilyLongNumbers()
    {
        string digits = new('7', 500);

        ExpressionResult result = ExpressionEvaluator.Evaluate(Labels.From($"{digits}-{digits}÷7×7+1"));

        Assert.Equal(BigRational.One, result.Value);
    }

    [Theory]
    [InlineData("19÷2", "19/2", "9.5")]
    [InlineData("1÷-8", "-1/8", "-0.125")]
    [InlineData("1÷3", "1/3", "0.333333333333")]
    [InlineData("2÷3", "2/3", "0.666666666667")]
    [InlineData("-2÷3", "-2/3", "-0.666666666667")]
    [InlineData("12+7×(3-1)", "26", "26")]
    public void Evaluate_ValueFormatsAsFractionAndDecimal(string symbols, string fraction, string decimalText)
    {
        BigRational value = ExpressionEvaluator.Evaluate(Labels.From(symbols)).Value!.Value;

        Assert.Equal(fraction, value.ToFractionString());
        Assert.Equal(decimalText, value.ToDecimalString());
    }

    [Theory]
    [InlineData("1÷0", 1)]
    [InlineData("0/0", 1)]
    [InlineData("1/(2-2)", 1)]
    [InlineData("(1÷0)×0", 2)]
    [InlineData("5+3÷(4-2×2)", 3)]
    [InlineData("6÷3+4÷(1-1)+1÷0", 5)]
    public void Evaluate_DivisionByZero_IsReportedAtTheDivision(string symbols, int divisionIndex)
    {
        ExpressionResult result = ExpressionEvaluator.Evaluate(Labels.From(symbols));

        Assert.Equal(ExpressionErrorKind.DivisionByZero, result.ErrorKind);
        Assert.Null(result.Value);
        Assert.Equal("Division by zero: the value is undefined.", result.Error);
        Assert.Equal(divisionIndex, result.ErrorSymbolIndex);
        Assert.Equal(symbols.Replace('×', '*').Replace('÷', '/'), result.Expression);
    }

    private static void AssertValue(string symbols, string expectedFraction)
    {
        ExpressionResult result = ExpressionEvaluator.Evaluate(Labels.From(symbols));

        Assert.True(result.ErrorKind == ExpressionErrorKind.None, $"'{symbols}' failed: {result.Error}");
        Assert.Equal(expectedFraction, result.Value!.Value.ToFractionString());
        Assert.Null(result.Error);
        Assert.Null(result.ErrorSymbolIndex);
    }
}
