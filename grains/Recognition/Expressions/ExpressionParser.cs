namespace MathCluster.Recognition.Expressions;

/// <summary>
/// A recursive-descent parser that builds the <see cref="MathNode"/> tree of a token row:
/// <code>
/// sum     = product (('+' | '-') product)*
/// product = signed (('×' | '÷' | '/') signed)*
/// signed  = ('+' | '-')* power
/// power   = primary superscript?
/// primary = number | '(' sum ')' | operand
/// </code>
/// Binary operators are left-associative (8/4/2 is 1). Signs may be stacked, so "--3" is 3 and "2--3" is 5,
/// the way "2 - (-3)" is often written by hand. A sign applies to the power after it (-2² is -4). Operator
/// chains and sign runs are loops, so only parentheses deepen the call stack, and they are capped at
/// <see cref="MaxNesting"/> levels. Operands and superscripts come pre-built from the 2-D layout.
/// </summary>
internal sealed class ExpressionParser
{
    public const int MaxNesting = 64;

    private readonly IReadOnlyList<ExpressionToken> _tokens;
    private int _position;
    private int _depth;

    private ExpressionParser(IReadOnlyList<ExpressionToken> tokens) => _tokens = tokens;

    /// <param name="tokens">At least one token.</param>
    /// <exception cref="ExpressionSyntaxException">The tokens do not form an expression.</exception>
    public static MathNode Parse(IReadOnlyList<ExpressionToken> tokens)
    {
        var parser = new ExpressionParser(tokens);
        MathNode tree = parser.ParseSum();
        if (parser.Peek() is { } extra)
        {
            throw extra.Kind switch
            {
                ExpressionTokenKind.Close => new ExpressionSyntaxException($"Unexpected ')' at symbol {extra.Position}: there is no '(' to close.", extra.SymbolIndex),
                ExpressionTokenKind.Superscript => MisplacedSuperscript(extra),
                _ => parser.MissingOperator(extra),
            };
        }

        return tree;
    }

    private MathNode ParseSum() => ParseChain(ParseProduct, ExpressionTokenKind.Plus, ExpressionTokenKind.Minus);

    private MathNode ParseProduct() => ParseChain(ParseSigned, ExpressionTokenKind.Times, ExpressionTokenKind.Divide);

    private MathNode ParseChain(Func<MathNode> operand, ExpressionTokenKind first, ExpressionTokenKind second)
    {
        MathNode head = operand();
        List<ChainLink>? links = null;
        while (Peek() is { } operation && (operation.Kind == first || operation.Kind == second))
        {
            _position++;
            (links ??= []).Add(new ChainLink(OperatorOf(operation), operation.SymbolIndex, operand()));
        }

        return links is null ? head : new ChainNode(head, links);
    }

    private MathNode ParseSigned()
    {
        ExpressionToken token = ReadOperand();
        if (token.Kind is not (ExpressionTokenKind.Plus or ExpressionTokenKind.Minus)) return ParsePower(token);

        var signs = new List<char>();
        var symbols = new List<int>();
        while (token.Kind is ExpressionTokenKind.Plus or ExpressionTokenKind.Minus)
        {
            signs.Add(token.Kind == ExpressionTokenKind.Minus ? '-' : '+');
            symbols.Add(token.SymbolIndex);
            token = ReadOperand();
        }

        return new SignNode(new string(signs.ToArray()), symbols, ParsePower(token));
    }

    private MathNode ParsePower(ExpressionToken token)
    {
        MathNode primary = token.Kind switch
        {
            ExpressionTokenKind.Number or ExpressionTokenKind.Operand => token.Node!,
            ExpressionTokenKind.Open => ParseParenthesised(token),
            ExpressionTokenKind.Superscript => throw MisplacedSuperscript(token),
            _ => throw new ExpressionSyntaxException(
                $"Expected a number or '(' at symbol {token.Position}, but found '{token.Label}'.", token.SymbolIndex),
        };
        if (Peek() is not { Kind: ExpressionTokenKind.Superscript } exponent) return primary;

        _position++;
        return new PowerNode(primary, exponent.Node!);
    }

    private GroupNode ParseParenthesised(ExpressionToken open)
    {
        if (++_depth > MaxNesting)
        {
            throw new ExpressionSyntaxException(
                $"Too deeply nested: more than {MaxNesting} levels of parentheses at symbol {open.Position}.", open.SymbolIndex);
        }

        MathNode inner = ParseSum();
        if (Peek() is not { } next)
            throw new ExpressionSyntaxException($"Missing ')' to close '(' at symbol {open.Position}.", open.SymbolIndex);
        if (next.Kind == ExpressionTokenKind.Superscript) throw MisplacedSuperscript(next);
        if (next.Kind != ExpressionTokenKind.Close) throw MissingOperator(next);

        _position++;
        _depth--;
        return new GroupNode(inner, open.SymbolIndex, next.SymbolIndex);
    }

    private static MathOperator OperatorOf(ExpressionToken token) => token.Kind switch
    {
        ExpressionTokenKind.Plus => MathOperator.Plus,
        ExpressionTokenKind.Minus => MathOperator.Minus,
        ExpressionTokenKind.Times => MathOperator.Times,
        _ => token.Label == Classification.SymbolClasses.Slash ? MathOperator.Slash : MathOperator.Divide,
    };

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

    private static ExpressionSyntaxException MisplacedSuperscript(ExpressionToken token) =>
        new($"The raised '{token.Label}' at symbol {token.Position} follows no number, bracket or fraction it could be the power of.", token.SymbolIndex);

    private ExpressionToken? Peek() => _position < _tokens.Count ? _tokens[_position] : null;
}
