using System.Text;

namespace MathCluster.Recognition.Expressions;

/// <summary>
/// Writes a tree on one line in ASCII: "^" for a power, "/" for a bar, and parentheses wherever the layout implies
/// them ("(3+1)/4", "(1/2)^2", "6/(3/4)"), so the line reads back to the same value.
/// </summary>
public static class LinearFormWriter
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
                text.Append('(');
                Write(group.Inner, text);
                text.Append(')');
                break;
            case ChainNode chain:
                Write(chain.First, text);
                foreach (ChainLink link in chain.Links)
                {
                    text.Append(Ascii(link.Operator));
                    // 6÷¾ is 6/(3/4), not 6/3/4.
                    if (!chain.IsSum && EndsInFraction(link.Operand)) Bracketed(link.Operand, text);
                    else Write(link.Operand, text);
                }
                break;
            case FractionNode fraction:
                Atom(fraction.Numerator, text);
                text.Append('/');
                Atom(fraction.Denominator, text);
                break;
            case PowerNode power:
                if (power.Base is NumberNode or GroupNode) Write(power.Base, text);
                else Bracketed(power.Base, text);
                text.Append('^');
                if (power.Exponent is NumberNode or GroupNode) Write(power.Exponent, text);
                else Bracketed(power.Exponent, text);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, "Unknown node.");
        }
    }

    // A numerator or denominator keeps its own parentheses unless it is a single operand.
    private static void Atom(MathNode node, StringBuilder text)
    {
        if (node is NumberNode or GroupNode or PowerNode) Write(node, text);
        else Bracketed(node, text);
    }

    private static bool EndsInFraction(MathNode node) => node is FractionNode || node is SignNode { Operand: var operand } && EndsInFraction(operand);

    private static void Bracketed(MathNode node, StringBuilder text)
    {
        text.Append('(');
        Write(node, text);
        text.Append(')');
    }

    private static char Ascii(MathOperator op) => op switch
    {
        MathOperator.Plus => '+',
        MathOperator.Minus => '-',
        MathOperator.Times => '*',
        _ => '/',
    };
}
