using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Expressions;

namespace MathCluster.Recognition.Tests;

public class ContextualReadingTests
{
    private static GlyphPrediction P(string label, float confidence, params (string Label, float Confidence)[] alternatives) =>
        new(label, confidence, alternatives.Select(a => new LabelScore(a.Label, a.Confidence)).ToList());

    [Fact]
    public void AValidBestReadingIsKept()
    {
        var predictions = new[] { P("8", 0.6f, ("3", 0.3f)), P("/", 0.5f, ("1", 0.45f)), P("2", 0.99f) };
        var (read, expression) = ContextualReading.Read(predictions);
        Assert.Same(predictions, read);
        Assert.Equal("8/2", expression.Expression);
        Assert.Equal((BigRational)4, expression.Value);
    }

    [Fact]
    public void AnUnsureSymbolIsReReadWhenItsBestLabelDoesNotParse()
    {
        var predictions = new[] { P("/", 0.45f, ("1", 0.4f), ("(", 0.1f)), P("2", 0.98f), P("+", 0.99f), P("7", 0.97f) };
        var (read, expression) = ContextualReading.Read(predictions);
        Assert.Equal("12+7", expression.Expression);
        Assert.Equal((BigRational)19, expression.Value);
        Assert.Equal("1", read[0].Label);
        Assert.Equal(0.4f, read[0].Confidence);
        Assert.Equal("/", read[0].Alternatives[0].Label);
    }

    [Fact]
    public void TheMostProbableValidReadingWins()
    {
        // "(" closing nothing: either the first symbol is re-read as "1" (0.35) or the last as "1" (0.2).
        var predictions = new[] { P("(", 0.5f, ("1", 0.35f)), P("4", 0.99f), P("-", 0.99f), P("2", 0.99f), P(")", 0.6f, ("1", 0.2f)) };
        var (read, expression) = ContextualReading.Read(predictions);
        Assert.Equal("(4-2)", expression.Expression);
        Assert.Equal(ExpressionErrorKind.None, expression.ErrorKind);
        Assert.Equal("(", read[0].Label);
    }

    [Fact]
    public void ConfidentSymbolsAreNeverReRead()
    {
        var predictions = new[] { P("3", 0.99f), P("+", 0.98f, ("1", 0.01f)), P("+", 0.97f, ("1", 0.02f)) };
        var (read, expression) = ContextualReading.Read(predictions);
        Assert.Same(predictions, read);
        Assert.Equal(ExpressionErrorKind.Syntax, expression.ErrorKind);
    }

    [Fact]
    public void ManyUnsureSymbolsStayBounded()
    {
        var predictions = Enumerable.Range(0, 64).Select(_ => P("+", 0.4f, ("-", 0.35f), ("×", 0.2f))).ToArray();
        var (read, expression) = ContextualReading.Read(predictions);
        Assert.Same(predictions, read);
        Assert.Equal(ExpressionErrorKind.Syntax, expression.ErrorKind);
    }
}
