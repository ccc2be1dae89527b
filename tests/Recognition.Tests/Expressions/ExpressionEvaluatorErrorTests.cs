using MathCluster.Recognition.Expressions;

namespace MathCluster.Recognition.Tests.Expressions;

public class ExpressionEvaluatorErrorTests
{
    [Theory]
    [InlineData("3++", 2, "The expression ends with an operator '+'.")]
    [InlineData("+", 0, "The expression ends with an operator '+'.")]
    [InlineData("7×", 1, "The expression ends with an operator '×'.")]
    [InlineData("(4", 0, "Missing ')' to close '(' at symbol 1.")]
    [InlineData("2×(3+(4-1)", 2, "Missing ')' to close '(' at symbol 3.")]
    [InlineData("(", 0, "The expression ends with '(' at symbol 1.")]
    [InlineData(")(", 0, "Expected a number or '(' at symbol 1, but found ')'.")]
    [InlineData("()", 1, "Expected a number or '(' at symbol 2, but found ')'.")]
    [InlineData("(3+)", 3, "Expected a number or '(' at symbol 4, but found ')'.")]
    [InlineData("3+4)", 3, "Unexpected ')' at symbol 4: there is no '(' to close.")]
    [InlineData("×3", 0, "Expected a number or '(' at symbol 1, but found '×'.")]
    [InlineData("2×÷3", 2, "Expected a number or '(' at symbol 3, but found '÷'.")]
    [InlineData("2(3)", 1, "Missing operator between '2' and '(' at symbol 2.")]
    [InlineData("(2)3", 3, "Missing operator between ')' and '3' at symbol 4.")]
    [InlineData("(1)(2)", 3, "Missing operator between ')' and '(' at symbol 4.")]
    [InlineData("3=4", 1, "Unexpected '=' at symbol 2: '=' may only end the expression.")]
    [InlineData("=3", 0, "Unexpected '=' at symbol 1: '=' may only end the expression.")]
    [InlineData("3+4==", 3, "Unexpected '=' at symbol 4: '=' may only end the expression.")]
    [InlineData("1÷0+", 3, "The expression ends with an operator '+'.")]
    public void Evaluate_MalformedInput_IsASyntaxErrorAtTheOffendingSymbol(string symbols, int index, string message)
    {
        ExpressionResult result = ExpressionEvaluator.Evaluate(Labels.From(symbols));

        Assert.Equal(ExpressionErrorKind.Syntax, result.ErrorKind);
        Assert.Null(result.Value);
        Assert.Equal(message, result.Error);
        Assert.Equal(index, result.ErrorSymbolIndex);
    }

    [Theory]
    [InlineData("3++", "3++")]
    [InlineData("2(3)", "2(3)")]
    [InlineData("2×÷3", "2*/3")]
    [InlineData("3+4==", "3+4=")]
    public void Evaluate_MalformedInput_StillWritesTheExpression(string symbols, string expression) =>
        Assert.Equal(expression, ExpressionEvaluator.Evaluate(Labels.From(symbols)).Expression);

    [Fact]
    public void Evaluate_NoLabels_IsEmpty()
    {
        ExpressionResult result = ExpressionEvaluator.Evaluate([]);

        Assert.Equal(ExpressionErrorKind.Empty, result.ErrorKind);
        Assert.Equal("Nothing to evaluate: no symbols were recognised.", result.Error);
        Assert.Equal("", result.Expression);
        Assert.Null(result.Value);
        Assert.Null(result.ErrorSymbolIndex);
    }

    [Theory]
    [InlineData("=")]
    [InlineData("==")]
    public void Evaluate_OnlyEquals_IsEmpty(string symbols)
    {
        ExpressionResult result = ExpressionEvaluator.Evaluate(Labels.From(symbols));

        Assert.Equal(ExpressionErrorKind.Empty, result.ErrorKind);
        Assert.NotNull(result.Error);
        Assert.Null(result.Value);
    }

    [Theory]
    [InlineData(new[] { "1", "+", "x" }, 2, "'x'", "1+?")]
    [InlineData(new[] { "" }, 0, "''", "?")]
    [InlineData(new[] { "1", "2 " }, 1, "'2 '", "1?")]
    [InlineData(new[] { "1", "+", "12" }, 2, "'12'", "1+?")]
    public void Evaluate_UnknownLabel_IsASyntaxErrorNamingIt(string[] labels, int index, string quotedLabel, string expression)
    {
        ExpressionResult result = ExpressionEvaluator.Evaluate(labels);

        Assert.Equal(ExpressionErrorKind.Syntax, result.ErrorKind);
        Assert.Equal(index, result.ErrorSymbolIndex);
        Assert.Contains($"Unknown symbol {quotedLabel} at symbol {index + 1}", result.Error);
        Assert.Equal(expression, result.Expression);
    }

    [Fact]
    public void Evaluate_NullLabelInTheList_IsASyntaxError()
    {
        ExpressionResult result = ExpressionEvaluator.Evaluate(["1", "+", null!]);

        Assert.Equal(ExpressionErrorKind.Syntax, result.ErrorKind);
        Assert.Equal(2, result.ErrorSymbolIndex);
    }

    [Fact]
    public void Evaluate_NullList_Throws() =>
        Assert.Throws<ArgumentNullException>(() => ExpressionEvaluator.Evaluate(null!));

    [Fact]
    public void Evaluate_TenThousandOpenings_IsTooDeeplyNested()
    {
        ExpressionResult result = ExpressionEvaluator.Evaluate(Enumerable.Repeat("(", 10_000).ToArray());

        Assert.Equal(ExpressionErrorKind.Syntax, result.ErrorKind);
        Assert.StartsWith("Too deeply nested", result.Error);
        Assert.Equal(ExpressionParser.MaxNesting, result.ErrorSymbolIndex);
    }

    [Fact]
    public void Evaluate_BalancedDeepNesting_IsCappedNotCrashed()
    {
        const int depth = 10_000;

        ExpressionResult result = ExpressionEvaluator.Evaluate(Labels.From(new string('(', depth) + "1" + new string(')', depth)));

        Assert.Equal(ExpressionErrorKind.Syntax, result.ErrorKind);
        Assert.StartsWith("Too deeply nested", result.Error);
    }

    [Fact]
    public void Evaluate_NestingUpToTheCap_IsAllowed()
    {
        int depth = ExpressionParser.MaxNesting;

        ExpressionResult result = ExpressionEvaluator.Evaluate(Labels.From(new string('(', depth) + "1" + new string(')', depth)));

        Assert.Equal(BigRational.One, result.Value);
    }

    [Fact]
    public void Evaluate_LongChains_DoNotDeepenTheStack()
    {
        ExpressionResult signs = ExpressionEvaluator.Evaluate(Labels.From(new string('-', 100_000) + "3"));
        ExpressionResult sum = ExpressionEvaluator.Evaluate(Labels.From(string.Join("+", Enumerable.Repeat("1", 50_000))));

        Assert.Equal((BigRational)3, signs.Value);
        Assert.Equal((BigRational)50_000, sum.Value);
    }
}
