using System.Numerics;

namespace MathCluster.Recognition.Expressions;

internal enum ExpressionTokenKind
{
    Number,
    Plus,
    Minus,
    Times,
    Divide,
    Open,
    Close,
}

/// <summary>A whole number or a single operator or parenthesis, with the symbol it came from.</summary>
/// <param name="Label">The text as recognised ("×", "÷", or all the digits of a number), for messages.</param>
/// <param name="SymbolIndex">Index in the label list of the token's first symbol.</param>
/// <param name="Value">The number's value; zero for other kinds.</param>
internal readonly record struct ExpressionToken(ExpressionTokenKind Kind, string Label, int SymbolIndex, BigInteger Value = default)
{
    /// <summary>The 1-based position used in messages meant for people.</summary>
    public int Position => SymbolIndex + 1;
}
