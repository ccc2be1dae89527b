using MathCluster.Recognition.Classification;

namespace MathCluster.Grains.Models;

/// <summary>One loaded ONNX session for one model version; Id tells sessions apart in diagnostics.</summary>
public sealed class ModelSession(long id, OnnxGlyphClassifier classifier) : IDisposable
{
    public long Id { get; } = id;
    public OnnxGlyphClassifier Classifier { get; } = classifier;
    public string Version => Classifier.Version;

    public void Dispose() => Classifier.Dispose();
}
