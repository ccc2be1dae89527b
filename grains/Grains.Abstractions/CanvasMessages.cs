using System.Text.Json.Serialization;

namespace MathCluster.Grains;

[GenerateSerializer, Immutable, Alias("MathCluster.CanvasRequest")]
public sealed record CanvasRequest([property: Id(0)] byte[] Png);

/// <summary>
/// Stroke input, already parsed: points as x,y pairs in canvas pixels, stroke i ending before point StrokeEnds[i].
/// The grain checks every limit again (<c>StrokeCanvas.Create</c>), so no caller can skip them.
/// </summary>
[GenerateSerializer, Immutable, Alias("MathCluster.StrokeCanvasRequest")]
public sealed record StrokeCanvasRequest(
    [property: Id(0)] int Width,
    [property: Id(1)] int Height,
    [property: Id(2)] float PenWidth,
    [property: Id(3)] float[] Coordinates,
    [property: Id(4)] int[] StrokeEnds);

public enum CanvasStatus
{
    Recognized,
    /// <summary>Empty, not a PNG, corrupt, truncated or zero-sized; or strokes that break the format or leave the canvas.</summary>
    Unreadable,
    /// <summary>Over the byte or pixel limits.</summary>
    TooLarge,
    /// <summary>More symbols than one canvas may hold.</summary>
    TooManySymbols,
}

/// <summary>Either a recognition or the reason the canvas could not be read; never an exception across the grain boundary.</summary>
[GenerateSerializer, Immutable, Alias("MathCluster.CanvasResult")]
public sealed record CanvasResult(
    [property: Id(0)] CanvasStatus Status,
    [property: Id(1)] string? Problem,
    [property: Id(2)] CanvasRecognitionResult? Recognition)
{
    public static CanvasResult Failed(CanvasStatus status, string problem) => new(status, problem, null);
}

/// <summary>
/// The answer for one canvas; this is also the JSON body of POST /api/recognize. <see cref="Confidence"/> is the chosen
/// reading's share of the probability mass of the readings weighed; a page marks a reading below 0.5 as unsure.
/// <see cref="Expression"/> is the linear form ("(3+1)/4", "2^3"); <see cref="Latex"/>, <see cref="MathMl"/> (a MathML
/// Core &lt;math&gt; element) and <see cref="Structure"/> are null when the symbols form no formula.
/// </summary>
[GenerateSerializer, Immutable, Alias("MathCluster.CanvasRecognitionResult")]
public sealed record CanvasRecognitionResult(
    [property: Id(0)] string Expression,
    [property: Id(1)] ExactValue? Value,
    [property: Id(2)] string? Error,
    [property: Id(3)] string? ErrorKind,
    [property: Id(4)] IReadOnlyList<SymbolResult> Symbols,
    [property: Id(5)] string ModelVersion,
    [property: Id(6)] double ElapsedMilliseconds,
    [property: Id(7)] double Confidence,
    [property: Id(8)] string? Latex = null,
    [property: Id(9), JsonPropertyName("mathml")] string? MathMl = null,
    [property: Id(10)] StructureNodeResult? Structure = null);

/// <summary>
/// A node of the formula's parse tree: <see cref="Kind"/> is number, sign, sum, product, group, fraction or power;
/// <see cref="Text"/> what the node itself shows ("3.5", the operators in order, "()", "/", "^"); <see cref="Symbols"/>
/// the indexes into the answer's symbols of the symbols it was written with (its children's are theirs).
/// </summary>
[GenerateSerializer, Immutable, Alias("MathCluster.StructureNodeResult")]
public sealed record StructureNodeResult(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Text,
    [property: Id(2)] IReadOnlyList<int> Symbols,
    [property: Id(3)] IReadOnlyList<StructureNodeResult> Children);

/// <summary>An exact value as a reduced fraction ("19/2") and as a decimal ("9.5", rounded to 12 places when it repeats).</summary>
[GenerateSerializer, Immutable, Alias("MathCluster.ExactValue")]
public sealed record ExactValue([property: Id(0)] string Fraction, [property: Id(1)] string Decimal);

[GenerateSerializer, Immutable, Alias("MathCluster.SymbolResult")]
public sealed record SymbolResult(
    [property: Id(0)] string Label,
    [property: Id(1)] float Confidence,
    [property: Id(2)] SymbolBox Box,
    [property: Id(3)] IReadOnlyList<LabelConfidence> Alternatives);

/// <summary>A symbol's box in the submitted image's pixels.</summary>
[GenerateSerializer, Immutable, Alias("MathCluster.SymbolBox")]
public sealed record SymbolBox([property: Id(0)] int X, [property: Id(1)] int Y, [property: Id(2)] int Width, [property: Id(3)] int Height);
