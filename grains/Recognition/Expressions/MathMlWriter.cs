using System.Xml.Linq;

namespace MathCluster.Recognition.Expressions;

/// <summary>
/// Writes a tree as a MathML Core <c>&lt;math&gt;</c> element (mn, mo, mrow, mfrac, msup), which browsers render
/// natively. Built with <see cref="XElement"/>, so the string is always well-formed XML.
/// </summary>
public static class MathMlWriter
{
    public static readonly XNamespace Namespace = "http://www.w3.org/1998/Math/MathML";

    public static string Write(MathNode tree) => Element(tree).ToString(SaveOptions.DisableFormatting);

    public static XElement Element(MathNode tree) => new(Namespace + "math", Node(tree));

    private static XElement Node(MathNode node) => node switch
    {
        NumberNode number => new XElement(Namespace + "mn", number.Text),
        SignNode sign => Row(sign.Signs.Select(s => Operator(s == '-' ? "\u2212" : "+")).Append(Node(sign.Operand))),
        GroupNode group => Bracketed(group.Inner),
        ChainNode chain => Row(chain.Links
            .SelectMany(link => new[] { Operator(Symbol(link.Operator)), Node(link.Operand) })
            .Prepend(Node(chain.First))),
        FractionNode fraction => new XElement(Namespace + "mfrac", Node(fraction.Numerator), Node(fraction.Denominator)),
        PowerNode power => new XElement(Namespace + "msup",
            power.Base is NumberNode or GroupNode ? Node(power.Base) : Bracketed(power.Base),
            Node(power.Exponent)),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, "Unknown node."),
    };

    private static XElement Bracketed(MathNode inner) => Row([Operator("("), Node(inner), Operator(")")]);

    private static XElement Row(IEnumerable<XElement> children) => new(Namespace + "mrow", children);

    private static XElement Operator(string symbol) => new(Namespace + "mo", symbol);

    private static string Symbol(MathOperator op) => op switch
    {
        MathOperator.Plus => "+",
        MathOperator.Minus => "\u2212",
        MathOperator.Times => "×",
        MathOperator.Divide => "÷",
        _ => "/",
    };
}
