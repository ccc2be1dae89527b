using MathCluster.Recognition.Classification;

namespace MathCluster.Recognition.Expressions;

/// <summary>
/// Evaluates the recognised symbol labels of a handwritten sum exactly. Any malformed input comes back as an
/// <see cref="ExpressionResult"/> with a message a person can act on, never as an exception.
/// </summary>
public static class ExpressionEvaluator
{
    /// <param name="labels">Class labels as in <see cref="SymbolClasses.All"/>, in reading order.</param>
    public static ExpressionResult Evaluate(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);

        string expression = ExpressionTokenizer.ToAscii(labels);
        if (labels.Count == 0)
            return ExpressionResult.Failure(expression, ExpressionErrorKind.Empty, "Nothing to evaluate: no symbols were recognised.");
        if (labels.All(label => label == SymbolClasses.EqualsSign))
            return ExpressionResult.Failure(expression, ExpressionErrorKind.Empty, "Nothing to evaluate: only '=' was recognised.");

        try
        {
            ExpressionParser.Outcome outcome = ExpressionParser.Parse(ExpressionTokenizer.Tokenize(labels));
            return outcome.Value is { } value
                ? ExpressionResult.Success(expression, value)
                : ExpressionResult.Failure(expression, ExpressionErrorKind.DivisionByZero,
                    "Division by zero: the value is undefined.", outcome.DivisionByZeroSymbolIndex);
        }
        catch (ExpressionSyntaxException exception)
        {
            return ExpressionResult.Failure(expression, ExpressionErrorKind.Syntax, exception.Message, exception.SymbolIndex);
        }
    }
}
