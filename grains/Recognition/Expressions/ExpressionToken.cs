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

    /// <summary>An operand the layout already built, such as a stacked fraction.</summary>
    Operand,

    /// <summary>A raised exponent the layout already built; it applies to the operand before it.</summary>
    Superscript,
}

/// <summary>A number, a single operator or parenthesis, or a piece of 2-D layout, with the symbol it came from.</summary>
/// <param name="Label">The text as recognised ("×", "÷", all the digits of a number, a fraction's linear form), for messages.</param>
/// <param name="SymbolIndex">Index in the symbol list of the token's first symbol.</param>
/// <param name="Node">The number, or the layout's operand or exponent; null for operators and brackets.</param>
internal readonly record struct ExpressionToken(ExpressionTokenKind Kind, string Label, int SymbolIndex, MathNode? Node = null)
{
    /// <summary>The 1-based position used in messages meant for people.</summary>
    public int Position => SymbolIndex + 1;
}
