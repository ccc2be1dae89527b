using System.Globalization;
using System.Numerics;
using MathCluster.Recognition.Expressions;

namespace MathCluster.TestSupport;

/// <summary>
/// A formula to compose onto a canvas, with its value worked out here, independently of the recogniser's parser:
/// numbers (with a decimal point), rows of + - × ÷, stacked fractions, whole-number powers and brackets.
/// </summary>
public abstract record FormulaTerm
{
    public abstract BigRational Value { get; }

    /// <summary>The formula on one line, for messages ("(3+1)/4", "2^3").</summary>
    public abstract string Written { get; }
}

public sealed record NumberTerm(string Text) : FormulaTerm
{
    public override BigRational Value
    {
        get
        {
            int point = Text.IndexOf('.');
            var digits = BigInteger.Parse(Text.Replace(".", ""), CultureInfo.InvariantCulture);
            return point < 0 ? digits : new BigRational(digits, BigInteger.Pow(10, Text.Length - point - 1));
        }
    }

    public override string Written => Text;
}

/// <summary>Operands joined by "+", "-", "×" or "÷", with the usual precedence.</summary>
public sealed record RowTerm(IReadOnlyList<FormulaTerm> Operands, IReadOnlyList<string> Operators) : FormulaTerm
{
    public override BigRational Value
    {
        get
        {
            BigRational sum = BigRational.Zero, product = Operands[0].Value;
            bool negative = false;
            for (int i = 0; i < Operators.Count; i++)
            {
                BigRational next = Operands[i + 1].Value;
                switch (Operators[i])
                {
                    case "×": product *= next; break;
                    case "÷": product /= next; break;
                    default:
                        sum += negative ? -product : product;
                        negative = Operators[i] == "-";
                        product = next;
                        break;
                }
            }
            return sum + (negative ? -product : product);
        }
    }

    public override string Written =>
        Operands[0].Written + string.Concat(Operators.Select((op, i) => op + Operands[i + 1].Written));
}

public sealed record FractionTerm(FormulaTerm Numerator, FormulaTerm Denominator) : FormulaTerm
{
    public override BigRational Value => Numerator.Value / Denominator.Value;
    public override string Written => $"[{Numerator.Written}]/[{Denominator.Written}]";
}

public sealed record PowerTerm(FormulaTerm Base, int Exponent) : FormulaTerm
{
    public override BigRational Value => Enumerable.Repeat(Base.Value, Exponent).Aggregate(BigRational.One, (a, b) => a * b);
    public override string Written => $"{Base.Written}^{Exponent}";
}

public sealed record BracketTerm(FormulaTerm Inner) : FormulaTerm
{
    public override BigRational Value => Inner.Value;
    public override string Written => $"({Inner.Written})";
}
