using MathCluster.Recognition.Classification;

namespace MathCluster.Recognition.Expressions;

/// <summary>
/// Evaluates recognised formulas exactly: a flat row of labels, or a tree the 2-D layout built. Any malformed or
/// unevaluable input comes back as an <see cref="ExpressionResult"/> with a message a person can act on, never as
/// an exception.
/// </summary>
public static class ExpressionEvaluator
{
    /// <param name="labels">Class labels as in <see cref="SymbolClasses.All"/>, in reading order.</param>
    public static ExpressionResult Evaluate(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);

        string expression = ExpressionTokenizer.ToAscii(labels);
        if (labels.Count == 0)
            return ExpressionResult.Failure(expression, ExpressionErrorKind.Empty, "Nothing to evaluate: no symbols were recognised.");
        if (labels.All(label => label == SymbolClasses.EqualsSign))
            return ExpressionResult.Failure(expression, ExpressionErrorKind.Empty, "Nothing to evaluate: only '=' was recognised.");

        MathNode tree;
        try
        {
            tree = ExpressionParser.Parse(ExpressionTokenizer.Tokenize(labels));
        }
        catch (ExpressionSyntaxException exception)
        {
            return ExpressionResult.Failure(expression, ExpressionErrorKind.Syntax, exception.Message, exception.SymbolIndex);
        }

        return Evaluate(tree, expression);
    }

    /// <summary>The value of a tree, with its linear form as the expression.</summary>
    public static ExpressionResult EvaluateTree(MathNode tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return Evaluate(tree, LinearFormWriter.Write(tree));
    }

    private static ExpressionResult Evaluate(MathNode tree, string expression)
    {
        try
        {
            return ExpressionResult.Success(expression, ExactEvaluation.Evaluate(tree));
        }
        catch (ExpressionEvaluationException exception)
        {
            return ExpressionResult.Failure(expression, exception.Kind, exception.Message, exception.SymbolIndex);
        }
    }
}
