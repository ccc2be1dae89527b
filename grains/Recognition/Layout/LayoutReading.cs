using MathCluster.Recognition.Expressions;

namespace MathCluster.Recognition.Layout;

/// <summary>
/// A formula read from symbol boxes: its value or error, the tree it was read as, and how likely the layout is.
/// </summary>
/// <param name="Evaluation">
/// The value, or why there is none: <see cref="ExpressionErrorKind.Syntax"/> when the symbols form no formula
/// (then <see cref="Tree"/> is null), or an evaluation error of a well-formed tree.
/// </param>
/// <param name="Labels">The label read for each input symbol: the input label, or "." for a decimal point.</param>
/// <param name="LayoutLogLikelihood">
/// Sum of the log-likelihoods of the layout decisions taken (bar, raised, decimal point), each a logistic of how
/// clearly the geometry made it; 0 for a flat row. Comparable across readings of the same symbols.
/// </param>
/// <param name="LabelLogProbability">Sum of the chosen labels' log-probabilities when the labels were searched, else 0.</param>
public sealed record LayoutReading(
    ExpressionResult Evaluation,
    MathNode? Tree,
    IReadOnlyList<string> Labels,
    double LayoutLogLikelihood,
    double LabelLogProbability = 0)
{
    /// <summary>What the search maximises: labels and layout together.</summary>
    public double Score => LabelLogProbability + LayoutLogLikelihood;

    public string? Latex => Tree is null ? null : LatexWriter.Write(Tree);

    public string? MathMl => Tree is null ? null : MathMlWriter.Write(Tree);

    public StructureNode? Structure => Tree is null ? null : StructureNode.From(Tree);
}
