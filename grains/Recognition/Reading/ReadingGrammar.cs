using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Expressions;

namespace MathCluster.Recognition.Reading;

/// <summary>
/// The expression grammar of <see cref="ExpressionParser"/> as a left-to-right automaton, so the search can drop a
/// reading the moment it stops being a possible prefix of a valid expression: numbers, binary + - × ÷ /, signs,
/// brackets up to the parser's nesting limit, and one trailing =.
/// </summary>
public readonly record struct ReadingGrammar(ReadingGrammar.Previous Last, int Depth)
{
    public enum Previous : byte { Start, Digit, Close, Operator, Open, EqualsSign }

    public static ReadingGrammar Start => new(Previous.Start, 0);

    public bool IsComplete => Depth == 0 && Last is Previous.Digit or Previous.Close or Previous.EqualsSign;

    /// <summary>The state after <paramref name="label"/>, or null when no valid expression continues that way.</summary>
    public ReadingGrammar? Then(string label)
    {
        bool operandEnded = Last is Previous.Digit or Previous.Close;
        bool operandExpected = Last is Previous.Start or Previous.Operator or Previous.Open;
        switch (label)
        {
            case [>= '0' and <= '9']:
                return Last is Previous.Close or Previous.EqualsSign ? null : this with { Last = Previous.Digit };
            case SymbolClasses.Plus or SymbolClasses.Minus:
                return operandEnded || operandExpected ? this with { Last = Previous.Operator } : null;
            case SymbolClasses.Times or SymbolClasses.Divide or SymbolClasses.Slash:
                return operandEnded ? this with { Last = Previous.Operator } : null;
            case SymbolClasses.Open:
                return operandExpected && Depth < ExpressionParser.MaxNesting ? new ReadingGrammar(Previous.Open, Depth + 1) : null;
            case SymbolClasses.Close:
                return operandEnded && Depth > 0 ? new ReadingGrammar(Previous.Close, Depth - 1) : null;
            case SymbolClasses.EqualsSign:
                return operandEnded && Depth == 0 ? this with { Last = Previous.EqualsSign } : null;
            default:
                return null;
        }
    }
}
