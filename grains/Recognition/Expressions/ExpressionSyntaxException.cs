namespace MathCluster.Recognition.Expressions;

/// <summary>
/// Abandons a malformed expression from deep inside the tokenizer or parser.
/// <see cref="ExpressionEvaluator"/> turns it into an <see cref="ExpressionResult"/>; it never reaches callers.
/// </summary>
internal sealed class ExpressionSyntaxException(string message, int symbolIndex) : Exception(message)
{
    public int SymbolIndex { get; } = symbolIndex;
}
