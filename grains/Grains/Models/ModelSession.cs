using MathCluster.Recognition.Classification;

namespace MathCluster.Grains.Models;

/// <summary>
/// One loaded model version on this silo: its ONNX session and the batching queue in front of it.
/// Id tells sessions apart in diagnostics.
/// </summary>
public sealed class ModelSession(long id, OnnxGlyphClassifier classifier, BatchingOptions batching, string silo) : IAsyncDisposable
{
    public long Id { get; } = id;
    public OnnxGlyphClassifier Classifier { get; } = classifier;
    public GlyphBatcher Batcher { get; } = new(classifier, batching, silo);
    public string Version => Classifier.Version;

    public async ValueTask DisposeAsync()
    {
        await Batcher.DisposeAsync();
        Classifier.Dispose();
    }
}
