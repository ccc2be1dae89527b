using System.Globalization;
using System.Numerics;
using System.Text;
using MathCluster.Recognition.Classification;

namespace MathCluster.Recognition.Expressions;

/// <summary>
/// Turns symbol labels into tokens, joining adjacent digits (and one decimal point between digits) into one number.
/// </summary>
internal static class ExpressionTokenizer
{
    /// <summary>Not a classifier class: the layout parser labels a dot on the baseline between digits with it.</summary>
    public const string DecimalPoint = ".";

    private static readonly Dictionary<string, (ExpressionTokenKind Kind, char Ascii)> Operators = new()
    {
        [SymbolClasses.Plus] = (ExpressionTokenKind.Plus, '+'),
        [SymbolClasses.Minus] = (ExpressionTokenKind.Minus, '-'),
        [SymbolClasses.Times] = (ExpressionTokenKind.Times, '*'),
        [SymbolClasses.Divide] = (ExpressionTokenKind.Divide, '/'),
        [SymbolClasses.Slash] = (ExpressionTokenKind.Divide, '/'),
        [SymbolClasses.Open] = (ExpressionTokenKind.Open, '('),
        [SymbolClasses.Close] = (ExpressionTokenKind.Close, ')'),
    };

    /// <exception cref="ExpressionSyntaxException">A label is unknown, or '=' is not the last symbol.</exception>
    public static IReadOnlyList<ExpressionToken> Tokenize(IReadOnlyList<string> labels)
    {
        var tokens = new List<ExpressionToken>();
        AppendTokens(tokens, labels, index => index, SignificantCount(labels));
        return tokens;
    }

    /// <summary>
    /// Appends the tokens of <paramref name="count"/> labels; <paramref name="symbolIndex"/> maps a label's position
    /// to the index of its symbol, which tokens and messages use.
    /// </summary>
    /// <exception cref="ExpressionSyntaxException">A label is unknown, '=' appears, or a decimal point is misplaced.</exception>
    public static void AppendTokens(List<ExpressionToken> tokens, IReadOnlyList<string> labels, Func<int, int> symbolIndex, int count)
    {
        for (int index = 0; index < count; index++)
        {
            string label = labels[index];
            int symbol = symbolIndex(index);
            if (IsDigit(label))
            {
                var digits = new StringBuilder(label);
                var symbols = new List<int> { symbol };
                int fractionDigits = -1;
                while (index + 1 < count && (IsDigit(labels[index + 1]) || labels[index + 1] == DecimalPoint))
                {
                    string next = labels[++index];
                    if (next == DecimalPoint)
                    {
                        if (fractionDigits >= 0 || index + 1 >= count || !IsDigit(labels[index + 1])) throw MisplacedPoint(symbolIndex(index));
                        fractionDigits = 0;
                    }
                    else if (fractionDigits >= 0) fractionDigits++;
                    digits.Append(next);
                    symbols.Add(symbolIndex(index));
                }

                string text = digits.ToString();
                tokens.Add(new(ExpressionTokenKind.Number, text, symbol, new NumberNode(text, ParseNumber(text, fractionDigits), symbols)));
            }
            else if (label is not null && Operators.TryGetValue(label, out var op))
            {
                tokens.Add(new(op.Kind, label, symbol));
            }
            else if (label == DecimalPoint)
            {
                throw MisplacedPoint(symbol);
            }
            else if (label == SymbolClasses.EqualsSign)
            {
                throw new ExpressionSyntaxException(
                    $"Unexpected '=' at symbol {symbol + 1}: '=' may only end the expression.", symbol);
            }
            else
            {
                throw new ExpressionSyntaxException(
                    $"Unknown symbol '{label}' at symbol {symbol + 1}: expected a digit, + - × ÷ / ( ) or a final =.", symbol);
            }
        }
    }

    /// <summary>The labels as plain ASCII ("12+7*(3-1)"); unknown labels show as '?'.</summary>
    public static string ToAscii(IReadOnlyList<string> labels)
    {
        int count = SignificantCount(labels);
        var text = new StringBuilder(count);
        for (int index = 0; index < count; index++)
        {
            string label = labels[index];
            if (IsDigit(label) || label is SymbolClasses.EqualsSign or DecimalPoint) text.Append(label);
            else if (label is not null && Operators.TryGetValue(label, out var symbol)) text.Append(symbol.Ascii);
            else text.Append('?');
        }

        return text.ToString();
    }

    // A single trailing '=' is how people finish writing a sum; it carries no meaning, so it is left out.
    public static int SignificantCount(IReadOnlyList<string> labels) =>
        labels.Count > 0 && labels[labels.Count - 1] == SymbolClasses.EqualsSign ? labels.Count - 1 : labels.Count;

    public static bool IsDigit(string? label) => label is [>= '0' and <= '9'];

    private static BigRational ParseNumber(string text, int fractionDigits)
    {
        BigInteger digits = BigInteger.Parse(text.Replace(DecimalPoint, ""), NumberStyles.None, CultureInfo.InvariantCulture);
        return fractionDigits <= 0 ? digits : new BigRational(digits, BigInteger.Pow(10, fractionDigits));
    }

    private static ExpressionSyntaxException MisplacedPoint(int symbol) =>
        new($"A decimal point at symbol {symbol + 1} must stand between two digits, once per number.", symbol);
}
