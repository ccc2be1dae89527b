using MathCluster.Recognition;
using MathCluster.Recognition.Expressions;

namespace MathCluster.Grains.Recognizers;

/// <summary>Maps the recognition library's result onto the grain contract (and JSON) shape.</summary>
public static class CanvasResultMapper
{
    public static CanvasRecognitionResult ToContract(CanvasRecognition recognition, double elapsedMilliseconds)
    {
        var expression = recognition.Expression;
        return new CanvasRecognitionResult(
            expression.Expression,
            expression.Value is { } value ? new ExactValue(value.ToFractionString(), value.ToDecimalString()) : null,
            expression.Error,
            ErrorKindName(expression.ErrorKind),
            recognition.Symbols.Select(s => new SymbolResult(
                s.Label, s.Confidence,
                new SymbolBox(s.Box.X, s.Box.Y, s.Box.Width, s.Box.Height),
                RecognizerGrain.ToContract(s.Alternatives))).ToList(),
            recognition.ModelVersion,
            Math.Round(elapsedMilliseconds, 2),
            Math.Round(recognition.Confidence, 4),
            recognition.Formula.Latex,
            recognition.Formula.MathMl,
            recognition.Formula.Structure is { } structure ? ToContract(structure) : null);
    }

    private static StructureNodeResult ToContract(StructureNode node) =>
        new(node.Kind, node.Text, node.Symbols, node.Children.Select(ToContract).ToList());

    private static string? ErrorKindName(ExpressionErrorKind kind) => kind switch
    {
        ExpressionErrorKind.None => null,
        ExpressionErrorKind.Empty => "empty",
        ExpressionErrorKind.Syntax => "syntax",
        ExpressionErrorKind.DivisionByZero => "divisionByZero",
        ExpressionErrorKind.NonIntegerExponent => "nonIntegerExponent",
        ExpressionErrorKind.ValueTooLarge => "valueTooLarge",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown error kind."),
    };
}
