namespace MathCluster.Recognition.Expressions;

/// <summary>Writes a tree as LaTeX math ("3+\frac{1}{2}", "\left(1+2\right)^{2}", "7 \times 2").</summary>
public sealed class LatexWriter : FormulaTextWriter
{
    private LatexWriter() { }

    public static string Write(MathNode tree) => new LatexWriter().Written(tree);

    protected override string Operator(MathOperator op) => op switch
    {
        MathOperator.Plus => "+",
        MathOperator.Minus => "-",
        MathOperator.Times => @" \times ",
        MathOperator.Divide => @" \div ",
        _ => "/",
    };

    protected override void Bracketed(MathNode inner)
    {
        Text.Append(@"\left(");
        WriteNode(inner);
        Text.Append(@"\right)");
    }

    protected override void Fraction(FractionNode fraction)
    {
        Text.Append(@"\frac{");
        WriteNode(fraction.Numerator);
        Text.Append("}{");
        WriteNode(fraction.Denominator);
        Text.Append('}');
    }

    protected override void Power(PowerNode power)
    {
        if (power.Base is NumberNode or GroupNode) WriteNode(power.Base);
        else Bracketed(power.Base);
        Text.Append("^{");
        WriteNode(power.Exponent);
        Text.Append('}');
    }
}
