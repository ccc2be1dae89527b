using System.Globalization;
using System.Numerics;
using System.Text;
using MathCluster.Recognition.Classification;

namespace MathCluster.Recognition.Expressions;

/// <summary>Turns the classifier's symbol labels into tokens, joining adjacent digits into one number.</summary>
internal static class ExpressionTokenizer
{
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
        int count = SignificantCount(labels);
        var tokens = new List<ExpressionToken>();
        for (int index = 0; index < count; index++)
        {
            string label = labels[index];
            if (IsDigit(label))
            {
                int start = index;
                var digits = new StringBuilder(label);
                while (index + 1 < count && IsDigit(labels[index + 1])) digits.Append(labels[++index]);

                string text = digits.ToString();
                tokens.Add(new(ExpressionTokenKind.Number, text, start,
                    BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)));
            }
            else if (label is not null && Operators.TryGetValue(label, out var symbol))
            {
                tokens.Add(new(symbol.Kind, label, index));
            }
            else if (label == SymbolClasses.EqualsSign)
            {
                throw new ExpressionSyntaxException(
                    $"Unexpected '=' at symbol {index + 1}: '=' may only end the expression.", index);
            }
            else
            {
                throw new ExpressionSyntaxException(
                    $"Unknown symbol '{label}' at symbol {index + 1}: expected a digit, + - × ÷ / ( ) or a final =.", index);
            }
        }

        return tokens;
    }

    /// <summary>The labels as plain ASCII ("12+7*(3-1)"); unknown labels show as '?'.</summary>
    public static string ToAscii(IReadOnlyList<string> labels)
    {
        int count = SignificantCount(labels);
        var text = new StringBuilder(count);
        for (int index = 0; index < count; index++)
        {
            string label = labels[index];
            if (IsDigit(label) || label == SymbolClasses.EqualsSign) text.Append(label);
            else if (label is not null && Operators.TryGetValue(label, out var symbol)) text.Append(symbol.Ascii);
            else text.Append('?');
        }

        return text.ToString();
    }

    // A single trailing '=' is how people finish writing a sum; it carries no meaning, so it is left out.
    private static int SignificantCount(IReadOnlyList<string> labels) =>
        labels.Count > 0 && labels[labels.Count - 1] == SymbolClasses.EqualsSign ? labels.Count - 1 : labels.Count;

    private static bool IsDigit(string? label) => label is [>= '0' and <= '9'];
}
