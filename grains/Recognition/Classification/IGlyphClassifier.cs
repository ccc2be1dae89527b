namespace MathCluster.Recognition.Classification;

/// <summary>Classifies normalised glyphs; implemented by the ONNX session itself and by the per-silo batching queue in front of it.</summary>
public interface IGlyphClassifier
{
    /// <summary>The model version whose answers these are.</summary>
    string Version { get; }

    IReadOnlyList<string> Classes { get; }

    /// <summary>Softmax probabilities, count rows of Classes.Count, for glyphs packed as count x 784 floats.</summary>
    ValueTask<float[]> ClassifyAsync(float[] glyphs, int count, CancellationToken cancellationToken = default);
}
