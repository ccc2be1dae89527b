namespace MathCluster.Recognition.Expressions;

/// <summary>
/// A node of a recognised formula. Each node names the symbols it was written with itself (digits, operator, bar,
/// brackets) by their index in the recogniser's symbol list; children name their own. Chains of + - or × ÷ / are one
/// node each, so a 50,000-term sum is a wide tree, not a deep one: only brackets, bars and powers add depth.
/// </summary>
public abstract record MathNode
{
    /// <summary>Indexes of the symbols this node was written with, not counting its children's.</summary>
    public abstract IReadOnlyList<int> OwnSymbols { get; }

    /// <summary>The nodes directly inside this one, in reading order.</summary>
    public abstract IEnumerable<MathNode> Children { get; }

    /// <summary>The smallest symbol index in this node or below it, for pointing an error at the node.</summary>
    public int FirstSymbol()
    {
        int first = OwnSymbols.Count > 0 ? OwnSymbols.Min() : int.MaxValue;
        foreach (MathNode child in Children) first = Math.Min(first, child.FirstSymbol());
        return first;
    }
}

/// <summary>A written number: digits, perhaps with a decimal point ("3.25" is exactly 13/4).</summary>
public sealed record NumberNode(string Text, BigRational Value, IReadOnlyList<int> Symbols) : MathNode
{
    public override IReadOnlyList<int> OwnSymbols => Symbols;
    public override IEnumerable<MathNode> Children => [];
}

/// <summary>A run of signs before an operand ("-3", "--3"); <see cref="Signs"/> holds them as written, in ASCII.</summary>
public sealed record SignNode(string Signs, IReadOnlyList<int> Symbols, MathNode Operand) : MathNode
{
    public bool Negative => Signs.Count(sign => sign == '-') % 2 == 1;
    public override IReadOnlyList<int> OwnSymbols => Symbols;
    public override IEnumerable<MathNode> Children => [Operand];
}

public enum MathOperator { Plus, Minus, Times, Divide, Slash }

/// <summary>One operator of a chain and the operand after it.</summary>
public sealed record ChainLink(MathOperator Operator, int Symbol, MathNode Operand);

/// <summary>
/// Operands joined left to right by operators of one precedence: all + and - (a sum), or all × ÷ / (a product).
/// </summary>
public sealed record ChainNode(MathNode First, IReadOnlyList<ChainLink> Links) : MathNode
{
    public bool IsSum => Links.Count > 0 && Links[0].Operator is MathOperator.Plus or MathOperator.Minus;
    public override IReadOnlyList<int> OwnSymbols => Links.Select(link => link.Symbol).ToArray();
    public override IEnumerable<MathNode> Children => Links.Select(link => link.Operand).Prepend(First);
}

/// <summary>An expression in written brackets.</summary>
public sealed record GroupNode(MathNode Inner, int Open, int Close) : MathNode
{
    public override IReadOnlyList<int> OwnSymbols => [Open, Close];
    public override IEnumerable<MathNode> Children => [Inner];
}

/// <summary>A stacked fraction: an expression over a horizontal bar over another.</summary>
public sealed record FractionNode(MathNode Numerator, MathNode Denominator, int Bar) : MathNode
{
    public override IReadOnlyList<int> OwnSymbols => [Bar];
    public override IEnumerable<MathNode> Children => [Numerator, Denominator];
}

/// <summary>A base with a raised exponent; the exponent must come out a whole number.</summary>
public sealed record PowerNode(MathNode Base, MathNode Exponent) : MathNode
{
    public override IReadOnlyList<int> OwnSymbols => [];
    public override IEnumerable<MathNode> Children => [Base, Exponent];
}
