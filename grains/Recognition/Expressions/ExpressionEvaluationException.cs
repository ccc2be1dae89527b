namespace MathCluster.Recognition.Expressions;

/// <summary>
/// Abandons the evaluation of a well-formed tree (division by zero, a fractional exponent, a value too large).
/// <see cref="ExpressionEvaluator"/> turns it into an <see cref="ExpressionResult"/>; it never reaches callers.
/// </summary>
internal sealed class ExpressionEvaluationException(ExpressionErrorKind kind, string message, int symbolIndex) : Exception(message)
{
    public ExpressionErrorKind Kind { get; } = kind;
    public int SymbolIndex { get; } = symbolIndex;
}
