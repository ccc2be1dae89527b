using System.Numerics;
using MathCluster.Recognition.Expressions;

namespace MathCluster.Recognition.Tests.Expressions;

/// <summary>
/// Checks the evaluator against an independent reference: random expression trees are written out as labels,
/// and their expected value is computed straight from the tree with plain, unreduced BigInteger fractions.
/// </summary>
public class ExpressionEvaluatorReferenceTests
{
    private const int Cases = 2_000;
    private const int Seed = 20_260_101;

    [Fact]
    public void Evaluate_AgreesWithTheTreeItWasWrittenFrom()
    {
        var random = new Random(Seed);
        int divisionsByZero = 0;

        for (int @case = 0; @case < Cases; @case++)
        {
            Node tree = Node.Generate(random, depth: random.Next(1, 7));
            var labels = new List<string>();
            tree.Write(labels, random);
            if (random.Next(5) == 0) labels.Add("=");
            string context = $"case {@case}: {string.Concat(labels)}";

            ExpressionResult result = ExpressionEvaluator.Evaluate(labels);

            Assert.True(result.Expression == Ascii(labels), $"{context}: expression was {result.Expression}");
            if (tree.Evaluate() is { } expected)
            {
                Assert.True(result.ErrorKind == ExpressionErrorKind.None, $"{context}: {result.Error}");
                BigRational actual = result.Value!.Value;
                Assert.True(expected.Numerator * actual.Denominator == actual.Numerator * expected.Denominator,
                    $"{context}: expected {expected.Numerator}/{expected.Denominator}, got {actual}");
            }
            else
            {
                divisionsByZero++;
                Assert.True(result.ErrorKind == ExpressionErrorKind.DivisionByZero, $"{context}: {result.ErrorKind} {result.Error}");
                Assert.Null(result.Value);
            }
        }

        // Both outcomes must really have been exercised.
        Assert.InRange(divisionsByZero, 1, Cases / 2);
    }

    private static string Ascii(IEnumerable<string> labels)
    {
        string text = string.Concat(labels).Replace('×', '*').Replace('÷', '/');
        return text.EndsWith('=') ? text[..^1] : text;
    }

    /// <summary>The reference arithmetic: a fraction that is never reduced and may have a negative denominator.</summary>
    private readonly record struct Fraction(BigInteger Numerator, BigInteger Denominator);

    private abstract record Node
    {
        // Unary minus binds tightest, so it never needs parentheses as an operand.
        protected abstract int Precedence { get; }

        public static Node Generate(Random random, int depth)
        {
            if (depth == 0 || random.Next(4) == 0) return new Number(random.Next(100));
            if (random.Next(6) == 0) return new Negation(Generate(random, depth - 1));
            char operation = "+-×÷"[random.Next(4)];
            return new Binary(operation, Generate(random, depth - 1), Generate(random, depth - 1));
        }

        public abstract Fraction? Evaluate();

        public abstract void Write(List<string> labels, Random random);

        // Parentheses where the structure needs them, and now and then where it does not.
        protected static void WriteOperand(Node operand, bool needsParentheses, List<string> labels, Random random)
        {
            bool parenthesise = needsParentheses || random.Next(8) == 0;
            if (parenthesise) labels.Add("(");
            operand.Write(labels, random);
            if (parenthesise) labels.Add(")");
        }

        protected sealed record Number(int Value) : Node
        {
            protected override int Precedence => 3;

            public override Fraction? Evaluate() => new(Value, 1);

            public override void Write(List<string> labels, Random random) =>
                labels.AddRange(Value.ToString().Select(digit => digit.ToString()));
        }

        protected sealed record Negation(Node Operand) : Node
        {
            protected override int Precedence => 3;

            public override Fraction? Evaluate() => Operand.Evaluate() is { } value ? new(-value.Numerator, value.Denominator) : null;

            public override void Write(List<string> labels, Random random)
            {
                labels.Add("-");
                WriteOperand(Operand, Operand is Binary, labels, random);
            }
        }

        protected sealed record Binary(char Operation, Node Left, Node Right) : Node
        {
            protected override int Precedence => Operation is '+' or '-' ? 1 : 2;

            public override Fraction? Evaluate()
            {
                // Both sides are evaluated first: a division by zero anywhere makes the whole undefined.
                if (Left.Evaluate() is not { } left || Right.Evaluate() is not { } right) return null;
                return Operation switch
                {
                    '+' => new(left.Numerator * right.Denominator + right.Numerator * left.Denominator, left.Denominator * right.Denominator),
                    '-' => new(left.Numerator * right.Denominator - right.Numerator * left.Denominator, left.Denominator * right.Denominator),
                    '×' => new(left.Numerator * right.Numerator, left.Denominator * right.Denominator),
                    _ => right.Numerator.IsZero ? null : new(left.Numerator * right.Denominator, left.Denominator * right.Numerator),
                };
            }

            public override void Write(List<string> labels, Random random)
            {
                WriteOperand(Left, Left.Precedence < Precedence, labels, random);
                labels.Add(Operation == '÷' && random.Next(2) == 0 ? "/" : Operation.ToString());
                // Left associativity: an equal-precedence right operand must be bracketed to keep its grouping.
                WriteOperand(Right, Right.Precedence <= Precedence, labels, random);
            }
        }
    }
}
