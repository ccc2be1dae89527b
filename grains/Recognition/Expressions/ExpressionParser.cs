namespace MathCluster.Recognition.Expressions;

/// <summary>
/// A recursive-descent parser that evaluates while it parses, over exact <see cref="BigRational"/> values:
/// <code>
/// sum     = product (('+' | '-') product)*
/// product = signed (('×' | '÷' | '/') signed)*
/// signed  = ('+' | '-')* primary
/// primary = number | '(' sum ')'
/// </code>
/// Binary operators are left-associative (8/4/2 is 1). Signs may be stacked, so "--3" is 3 and "2--3" is 5,
/// the way "2 - (-3)" is often written by hand. Operator chains and sign runs are loops, so only parentheses
/// deepen the call stack, and they are capped at <see cref="MaxNesting"/> levels.
/// </summary>
internal sealed class ExpressionParser
{
    public const int MaxNesting = 64;

    private readonly IReadOnlyList<ExpressionToken> _tokens;
    private int _position;
    private int _depth;

    // Parsing goes on past a division by zero (the value becomes null) so that a later syntax error,
    // which says more about what the person wrote, is the one reported.
    private int? _divisionByZeroSymbolIndex;

    private ExpressionParser(IReadOnlyList<ExpressionToken> tokens) => _tokens = tokens;

    /// <summary>The value, or where the first division by zero happened (then the value is null).</summary>
    public readonly record struct Outcome(BigRational? Value, int? DivisionByZeroSymbolIndex);

    /// <param name="tokens">At least one token.</param>
    /// <exception cref="ExpressionSyntaxException">The tokens do not form an expression.</exception>
    public static Outcome Parse(IReadOnlyList<ExpressionToken> tokens)
    {
        var parser = new ExpressionParser(tokens);
        BigRational? value = parser.ParseSum();
        if (parser.Peek() is { } extra)
        {
            throw extra.Kind == ExpressionTokenKind.Close
                ? new ExpressionSyntaxException($"Unexpected ')' at symbol {extra.Position}: there is no '(' to close.", extra.SymbolIndex)
                : parser.MissingOperator(extra);
        }

        return parser._divisionByZeroSymbolIndex is { } index ? new(null, index) : new(value, null);
    }

    private BigRational? ParseSum()
    {
        BigRational? value = ParseProduct();
        while (Peek() is { Kind: ExpressionTokenKind.Plus or ExpressionTokenKind.Minus } operation)
        {
            _position++;
            BigRational? right = ParseProduct();
            value = operation.Kind == ExpressionTokenKind.Plus ? value + right : value - right;
        }

        return value;
    }

    private BigRational? ParseProduct()
    {
        BigRational? value = ParseSigned();
        while (Peek() is { Kind: ExpressionTokenKind.Times or ExpressionTokenKind.Divide } operation)
        {
            _position++;
            BigRational? right = ParseSigned();
            value = operation.Kind == ExpressionTokenKind.Times ? value * right : Divide(value, right, operation);
        }

        return value;
    }

    private BigRational? ParseSigned()
    {
        bool negative = false;
        ExpressionToken token = ReadOperand();
        while (token.Kind is ExpressionTokenKind.Plus or ExpressionTokenKind.Minus)
        {
            negative ^= token.Kind == ExpressionTokenKind.Minus;
            token = ReadOperand();
        }

        BigRational? value = token.Kind switch
        {
            ExpressionTokenKind.Number => (BigRational)token.Value,
            ExpressionTokenKind.Open => ParseParenthesised(token),
            _ => throw new ExpressionSyntaxException(
                $"Expected a number or '(' at symbol {token.Position}, but found '{token.Label}'.", token.SymbolIndex),
        };
        return negative ? -value : value;
    }

    private BigRational? ParseParenthesised(ExpressionToken open)
    {
        if (++_depth > MaxNesting)
        {
            throw new ExpressionSyntaxException(
                $"Too deeply nested: more than {MaxNesting} levels of parentheses at symbol {open.Position}.", open.SymbolIndex);
        }

        BigRational? value = ParseSum();
        if (Peek() is not { } next)
            throw new ExpressionSyntaxException($"Missing ')' to close '(' at symbol {open.Position}.", open.SymbolIndex);
        if (next.Kind != ExpressionTokenKind.Close) throw MissingOperator(next);

        _position++;
        _depth--;
        return value;
    }

    private BigRational? Divide(BigRational? dividend, BigRational? divisor, ExpressionToken operation)
    {
        if (divisor is { IsZero: true })
        {
            _divisionByZeroSymbolIndex ??= operation.SymbolIndex;
            return null;
        }

        return dividend / divisor;
    }

    // Where an operand must start, running out of tokens means the person stopped mid-expression.
    private ExpressionToken ReadOperand()
    {
        if (_position < _tokens.Count) return _tokens[_position++];

        ExpressionToken last = _tokens[^1];
        throw new ExpressionSyntaxException(
            last.Kind == ExpressionTokenKind.Open
                ? $"The expression ends with '(' at symbol {last.Position}."
                : $"The expression ends with an operator '{last.Label}'.",
            last.SymbolIndex);
    }

    // Reached when an operand is followed by a number or '(' instead of an operator; there is no implicit "×".
    private ExpressionSyntaxException MissingOperator(ExpressionToken next) =>
        new($"Missing operator between '{_tokens[_position - 1].Label}' and '{next.Label}' at symbol {next.Position}.", next.SymbolIndex);

    private ExpressionToken? Peek() => _position < _tokens.Count ? _tokens[_position] : null;
}
