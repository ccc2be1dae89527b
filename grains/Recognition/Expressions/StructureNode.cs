namespace MathCluster.Recognition.Expressions;

/// <summary>
/// The parse tree as plain data for an answer: <see cref="Kind"/> is number, sign, sum, product, group, fraction or
/// power; <see cref="Text"/> what the node itself shows ("3.5", the signs or operators in order, "()", "/", "^");
/// <see cref="Symbols"/> the indexes of the symbols it was written with (its children's are theirs).
/// </summary>
public sealed record StructureNode(string Kind, string Text, IReadOnlyList<int> Symbols, IReadOnlyList<StructureNode> Children)
{
    public static StructureNode From(MathNode node) => node switch
    {
        NumberNode number => Leaf("number", number.Text, number),
        SignNode sign => Branch("sign", sign.Signs, sign),
        ChainNode chain => Branch(chain.IsSum ? "sum" : "product",
            string.Concat(chain.Links.Select(link => Written(link.Operator))), chain),
        GroupNode group => Branch("group", "()", group),
        FractionNode fraction => Branch("fraction", "/", fraction),
        PowerNode power => Branch("power", "^", power),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, "Unknown node."),
    };

    private static string Written(MathOperator op) => op switch
    {
        MathOperator.Plus => "+",
        MathOperator.Minus => "-",
        MathOperator.Times => "×",
        MathOperator.Divide => "÷",
        _ => "/",
    };

    private static StructureNode Leaf(string kind, string text, MathNode node) => new(kind, text, node.OwnSymbols, []);

    private static StructureNode Branch(string kind, string text, MathNode node) =>
        new(kind, text, node.OwnSymbols, node.Children.Select(From).ToArray());
}
