namespace MathCluster.Recognition.Expressions;

public enum ExpressionErrorKind
{
    None,

    /// <summary>There was nothing to evaluate: no symbols, or only '='.</summary>
    Empty,

    /// <summary>The symbols do not form an arithmetic expression.</summary>
    Syntax,

    /// <summary>The expression is well formed but divides by zero somewhere.</summary>
    DivisionByZero,

    /// <summary>A power's exponent is not a whole number.</summary>
    NonIntegerExponent,

    /// <summary>A value would have more than <see cref="ExactEvaluation.MaxDigits"/> digits; it is refused before it is computed.</summary>
    ValueTooLarge,
}

/// <summary>What a sequence of recognised symbols evaluates to, or why it cannot be evaluated.</summary>
/// <param name="Expression">
/// The linear form ("12+7*(3-1)", "(3+1)/4", "2^3"), filled even on failure; a trailing '=' is dropped.
/// </param>
/// <param name="Value">The exact value; null unless <paramref name="ErrorKind"/> is <see cref="ExpressionErrorKind.None"/>.</param>
/// <param name="Error">A sentence for the person who wrote the expression; null on success.</param>
/// <param name="ErrorSymbolIndex">
/// The 0-based index in the label list of the offending symbol, when there is one. Messages count symbols from 1.
/// </param>
public sealed record ExpressionResult(
    string Expression,
    BigRational? Value,
    string? Error,
    ExpressionErrorKind ErrorKind,
    int? ErrorSymbolIndex)
{
    internal static ExpressionResult Success(string expression, BigRational value) =>
        new(expression, value, null, ExpressionErrorKind.None, null);

    internal static ExpressionResult Empty(string expression, string error) => Failure(expression, ExpressionErrorKind.Empty, error);

    internal static ExpressionResult SyntaxError(string expression, string error, int? symbolIndex) =>
        Failure(expression, ExpressionErrorKind.Syntax, error, symbolIndex);

    internal static ExpressionResult Failure(string expression, ExpressionErrorKind kind, string error, int? symbolIndex = null) =>
        new(expression, null, error, kind, symbolIndex);
}
