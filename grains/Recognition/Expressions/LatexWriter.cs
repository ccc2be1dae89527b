using System.Text;

namespace MathCluster.Recognition.Expressions;

/// <summary>Writes a tree as LaTeX math ("3+\frac{1}{2}", "\left(1+2\right)^{2}", "7 \times 2").</summary>
public static class LatexWriter
{
    public static string Write(MathNode tree)
    {
        var text = new StringBuilder();
        Write(tree, text);
        return text.ToString();
    }

    private static void Write(MathNode node, StringBuilder text)
    {
        switch (node)
        {
            case NumberNode number:
                text.Append(number.Text);
                break;
            case SignNode sign:
                text.Append(sign.Signs);
                Write(sign.Operand, text);
                break;
            case GroupNode group:
                Bracketed(group.Inner, text);
                break;
            case ChainNode chain:
                Write(chain.First, text);
                foreach (ChainLink link in chain.Links)
                {
                    text.Append(link.Operator switch
                    {
                        MathOperator.Plus => "+",
                        MathOperator.Minus => "-",
                        MathOperator.Times => @" \times ",
                        MathOperator.Divide => @" \div ",
                        _ => "/",
                    });
                    Write(link.Operand, text);
                }
                break;
            case FractionNode fraction:
                text.Append(@"\frac{");
                Write(fraction.Numerator, text);
                text.Append("}{");
                Write(fraction.Denominator, text);
                text.Append('}');
                break;
            case PowerNode power:
                if (power.Base is NumberNode or GroupNode) Write(power.Base, text);
                else Bracketed(power.Base, text);
                text.Append("^{");
                Write(power.Exponent, text);
                text.Append('}');
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, "Unknown node.");
        }
    }

    private static void Bracketed(MathNode node, StringBuilder text)
    {
        text.Append(@"\left(");
        Write(node, text);
        text.Append(@"\right)");
    }
}
