namespace MathCluster.Grains;

/// <summary>Normalised glyphs packed as Count x 784 floats.</summary>
[GenerateSerializer, Immutable, Alias("MathCluster.GlyphBatch")]
public sealed record GlyphBatch([property: Id(0)] float[] Pixels, [property: Id(1)] int Count);

[GenerateSerializer, Immutable, Alias("MathCluster.LabelConfidence")]
public sealed record LabelConfidence([property: Id(0)] string Label, [property: Id(1)] float Confidence);

[GenerateSerializer, Immutable, Alias("MathCluster.GlyphClassification")]
public sealed record GlyphClassification(
    [property: Id(0)] string Label,
    [property: Id(1)] float Confidence,
    [property: Id(2)] IReadOnlyList<LabelConfidence> Alternatives);

/// <summary>Probabilities (Count x Classes.Count, softmax) and the top labels, from one model version, and who computed them.</summary>
[GenerateSerializer, Immutable, Alias("MathCluster.GlyphBatchResult")]
public sealed record GlyphBatchResult(
    [property: Id(0)] string ModelVersion,
    [property: Id(1)] IReadOnlyList<string> Classes,
    [property: Id(2)] float[] Probabilities,
    [property: Id(3)] IReadOnlyList<GlyphClassification> Glyphs,
    [property: Id(4)] ServedBy ServedBy);

/// <summary>The silo, recognizer activation and ONNX session that served a call.</summary>
[GenerateSerializer, Immutable, Alias("MathCluster.ServedBy")]
public sealed record ServedBy([property: Id(0)] string Silo, [property: Id(1)] string Activation, [property: Id(2)] long SessionId);

[GenerateSerializer, Immutable, Alias("MathCluster.RecognizerDiagnostics")]
public sealed record RecognizerDiagnostics(
    [property: Id(0)] ServedBy ServedBy,
    [property: Id(1)] string ModelVersion,
    [property: Id(2)] int SessionsLoaded);
