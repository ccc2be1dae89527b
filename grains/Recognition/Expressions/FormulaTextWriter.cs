using System.Text;

namespace MathCluster.Recognition.Expressions;

/// <summary>
/// The walk shared by the one-line notations: numbers, signs and chains are written alike; each notation says
/// how it writes an operator, brackets, a fraction and a power.
/// </summary>
public abstract class FormulaTextWriter
{
    // Only the notations of this library derive from it.
    private protected FormulaTextWriter() { }

    protected StringBuilder Text { get; } = new();

    protected string Written(MathNode tree)
    {
        WriteNode(tree);
        return Text.ToString();
    }

    protected void WriteNode(MathNode node)
    {
        switch (node)
        {
            case NumberNode number:
                Text.Append(number.Text);
                break;
            case SignNode sign:
                Text.Append(sign.Signs);
                WriteNode(sign.Operand);
                break;
            case GroupNode group:
                Bracketed(group.Inner);
                break;
            case ChainNode chain:
                WriteNode(chain.First);
                foreach (ChainLink link in chain.Links)
                {
                    Text.Append(Operator(link.Operator));
                    Operand(link.Operand, chain.IsSum);
                }
                break;
            case FractionNode fraction:
                Fraction(fraction);
                break;
            case PowerNode power:
                Power(power);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, "Unknown node.");
        }
    }

    protected abstract string Operator(MathOperator op);

    protected abstract void Bracketed(MathNode inner);

    protected abstract void Fraction(FractionNode fraction);

    protected abstract void Power(PowerNode power);

    /// <summary>An operand after an operator of a sum or a product.</summary>
    protected virtual void Operand(MathNode operand, bool inSum) => WriteNode(operand);
}
