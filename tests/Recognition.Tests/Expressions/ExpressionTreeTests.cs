using System.Numerics;
using System.Xml.Linq;
using MathCluster.Recognition.Expressions;

namespace MathCluster.Recognition.Tests.Expressions;

public class ExpressionTreeTests
{
    private static NumberNode Number(string text, int symbol) => new(text, BigInteger.Parse(text), [symbol]);

    private static PowerNode Power(MathNode @base, MathNode exponent) => new(@base, exponent);

    [Theory]
    [InlineData("3.5+1.25", "19/4", "4.75")]
    [InlineData("0.1+0.2", "3/10", "0.3")]
    [InlineData("1.5×1.5", "9/4", "2.25")]
    [InlineData("10.05÷0.5", "201/10", "20.1")]
    public void Evaluate_DecimalsAreExactRationals(string symbols, string fraction, string decimalText)
    {
        ExpressionResult result = ExpressionEvaluator.Evaluate(Labels.From(symbols));

        Assert.Equal(fraction, result.Value!.Value.ToFractionString());
        Assert.Equal(decimalText, result.Value!.Value.ToDecimalString());
        Assert.Equal(symbols.Replace('×', '*').Replace('÷', '/'), result.Expression);
    }

    [Theory]
    [InlineData("3.", 1)]
    [InlineData(".5", 0)]
    [InlineData("1.2.3", 3)]
    [InlineData("1+.2", 2)]
    public void Evaluate_MisplacedDecimalPoint_IsASyntaxErrorAtThePoint(string symbols, int index)
    {
        ExpressionResult result = ExpressionEvaluator.Evaluate(Labels.From(symbols));

        Assert.Equal(ExpressionErrorKind.Syntax, result.ErrorKind);
        Assert.Equal(index, result.ErrorSymbolIndex);
        Assert.StartsWith($"A decimal point at symbol {index + 1}", result.Error);
    }

    [Fact]
    public void Evaluate_NumbersUpToTheDigitLimit_AreExactAndLongerOnesTooLarge()
    {
        string limit = new('9', ExactEvaluation.MaxDigits);

        ExpressionResult atLimit = ExpressionEvaluator.Evaluate(Labels.From(limit));
        ExpressionResult overflow = ExpressionEvaluator.Evaluate(Labels.From(limit + "+1"));

        Assert.Equal(ExpressionErrorKind.None, atLimit.ErrorKind);
        Assert.Equal(ExpressionErrorKind.ValueTooLarge, overflow.ErrorKind);
        Assert.Equal(ExactEvaluation.MaxDigits, overflow.ErrorSymbolIndex);
        Assert.StartsWith("Value too large", overflow.Error);
    }

    [Fact]
    public void EvaluateTree_HugeExponent_IsRefusedAtOnce()
    {
        var tree = Power(Number("2", 0), Number("99999999999999999999999999999999", 1));

        ExpressionResult result = ExpressionEvaluator.EvaluateTree(tree);

        Assert.Equal(ExpressionErrorKind.ValueTooLarge, result.ErrorKind);
        Assert.Equal(1, result.ErrorSymbolIndex);
    }

    [Theory]
    [InlineData("1", "99999999999999999999999999999999", "1")]
    [InlineData("0", "99999999999999999999999999999999", "0")]
    [InlineData("0", "0", "1")]
    [InlineData("7", "0", "1")]
    [InlineData("10", "3", "1000")]
    public void EvaluateTree_PowersOfAnyIntegerExponent_NeedNoWorkBeyondTheirSize(string @base, string exponent, string value)
    {
        var tree = Power(Number(@base, 0), Number(exponent, 1));

        Assert.Equal(value, ExpressionEvaluator.EvaluateTree(tree).Value!.Value.ToFractionString());
    }

    [Theory]
    [InlineData("99999999999999999999999999999999", "-1")]
    [InlineData("99999999999999999999999999999998", "1")]
    public void EvaluateTree_MinusOneToAHugePower_KeepsItsParity(string exponent, string value)
    {
        var tree = Power(new GroupNode(new SignNode("-", [1], Number("1", 2)), 0, 3), Number(exponent, 4));

        ExpressionResult result = ExpressionEvaluator.EvaluateTree(tree);

        Assert.Equal(value, result.Value!.Value.ToFractionString());
        Assert.Equal($"(-1)^{exponent}", result.Expression);
    }

    [Fact]
    public void EvaluateTree_FractionalExponent_IsANonIntegerExponentError()
    {
        var tree = Power(Number("8", 0), new FractionNode(Number("1", 1), Number("3", 3), 2));

        ExpressionResult result = ExpressionEvaluator.EvaluateTree(tree);

        Assert.Equal(ExpressionErrorKind.NonIntegerExponent, result.ErrorKind);
        Assert.Null(result.Value);
        Assert.Equal(1, result.ErrorSymbolIndex);
        Assert.Equal("8^(1/3)", result.Expression);
    }

    [Fact]
    public void Writers_SignBeforeAFractionInAProduct_KeepItsValueOnOneLine()
    {
        // 6 ÷ -¾ is -8; written as 6/-3/4 it would read as -1/2.
        var tree = new ChainNode(Number("6", 0), [new ChainLink(MathOperator.Divide, 1, new SignNode("-", [2], new FractionNode(Number("3", 3), Number("4", 5), 4)))]);

        ExpressionResult result = ExpressionEvaluator.EvaluateTree(tree);

        Assert.Equal((BigRational)(-8), result.Value);
        Assert.Equal("6/(-3/4)", result.Expression);
        Assert.Equal(@"6 \div -\frac{3}{4}", LatexWriter.Write(tree));
    }

    [Fact]
    public void MathMl_UsesTheMinusSignAndOperatorsOfMathMlCore()
    {
        var tree = new ChainNode(new SignNode("-", [0], Number("2", 1)),
            [new ChainLink(MathOperator.Times, 2, Number("3", 3)), new ChainLink(MathOperator.Divide, 4, Number("4", 5))]);

        XElement math = XElement.Parse(MathMlWriter.Write(tree));

        Assert.Equal(MathMlWriter.Namespace + "math", math.Name);
        Assert.Equal(["\u2212", "×", "÷"], math.Descendants(MathMlWriter.Namespace + "mo").Select(e => e.Value));
        Assert.Equal(["2", "3", "4"], math.Descendants(MathMlWriter.Namespace + "mn").Select(e => e.Value));
    }

    [Fact]
    public void Structure_OfAFlatSum_ListsTheOperatorsAndOperands()
    {
        var tree = new ChainNode(Number("1", 0), [new ChainLink(MathOperator.Plus, 1, Number("2", 2)), new ChainLink(MathOperator.Minus, 3, Number("3", 4))]);

        StructureNode structure = StructureNode.From(tree);

        Assert.Equal(("sum", "+-"), (structure.Kind, structure.Text));
        Assert.Equal([1, 3], structure.Symbols);
        Assert.Equal([0, 2, 4], structure.Children.Select(c => c.Symbols.Single()));
        Assert.Equal(0, tree.FirstSymbol());
    }
}
