namespace MathCluster.Recognition.Expressions;

/// <summary>
/// Writes a tree on one line in ASCII: "^" for a power, "/" for a bar, and parentheses wherever the layout implies
/// them ("(3+1)/4", "(1/2)^2", "6/(3/4)"), so the line reads back to the same value.
/// </summary>
public sealed class LinearFormWriter : FormulaTextWriter
{
    private LinearFormWriter() { }

    public static string Write(MathNode tree) => new LinearFormWriter().Written(tree);

    protected override string Operator(MathOperator op) => op switch
    {
        MathOperator.Plus => "+",
        MathOperator.Minus => "-",
        MathOperator.Times => "*",
        _ => "/",
    };

    protected override void Bracketed(MathNode inner)
    {
        Text.Append('(');
        WriteNode(inner);
        Text.Append(')');
    }

    // 6÷¾ is 6/(3/4), not 6/3/4.
    protected override void Operand(MathNode operand, bool inSum)
    {
        if (!inSum && EndsInFraction(operand)) Bracketed(operand);
        else WriteNode(operand);
    }

    protected override void Fraction(FractionNode fraction)
    {
        Atom(fraction.Numerator);
        Text.Append('/');
        Atom(fraction.Denominator);
    }

    protected override void Power(PowerNode power)
    {
        Operand(power.Base);
        Text.Append('^');
        Operand(power.Exponent);
    }

    // A numerator or denominator keeps its own parentheses unless it is a single operand.
    private void Atom(MathNode node)
    {
        if (node is NumberNode or GroupNode or PowerNode) WriteNode(node);
        else Bracketed(node);
    }

    private void Operand(MathNode node)
    {
        if (node is NumberNode or GroupNode) WriteNode(node);
        else Bracketed(node);
    }

    private static bool EndsInFraction(MathNode node) => node is FractionNode || node is SignNode { Operand: var operand } && EndsInFraction(operand);
}
