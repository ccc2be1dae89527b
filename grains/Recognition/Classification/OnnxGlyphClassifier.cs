using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MathCluster.Recognition.Classification;

/// <summary>
/// Runs a glyph model in ONNX Runtime. One instance wraps one InferenceSession, which is safe to call
/// from many threads at once; share it rather than creating one per caller.
/// </summary>
public sealed class OnnxGlyphClassifier : IGlyphClassifier, IDisposable
{
    private readonly InferenceSession _session;

    public OnnxGlyphClassifier(byte[] model, ModelCard card, int intraOpThreads = 1)
    {
        Card = card;
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            _session = new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelContractException($"ONNX Runtime cannot load the model: {e.Message}");
        }
        try
        {
            CheckContract();
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    public static OnnxGlyphClassifier Load(string onnxPath, int intraOpThreads = 1) =>
        new(File.ReadAllBytes(onnxPath), ModelCard.Load(ModelCard.CardPathFor(onnxPath)), intraOpThreads);

    public ModelCard Card { get; }
    public string Version => Card.Version;
    public int ClassCount => Card.Classes.Count;
    public IReadOnlyList<string> Classes => Card.Classes;

    public ValueTask<float[]> ClassifyAsync(float[] glyphs, int count, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Predict(glyphs, count));

    /// <summary>Softmax probabilities, <paramref name="count"/> rows of ClassCount values, for glyphs packed as count x 784 floats.</summary>
    public float[] Predict(float[] glyphs, int count)
    {
        var probabilities = new float[count * ClassCount];
        Predict(glyphs.AsMemory(0, count * GlyphNormalizer.PixelCount), count, probabilities.AsMemory());
        return probabilities;
    }

    /// <summary>Runs the model straight from <paramref name="glyphs"/> into <paramref name="probabilities"/>: neither is copied.</summary>
    public void Predict(Memory<float> glyphs, int count, Memory<float> probabilities)
    {
        if (count == 0) return;
        if (glyphs.Length != count * GlyphNormalizer.PixelCount) throw new ArgumentException("Glyph buffer size does not match the count.", nameof(glyphs));
        if (probabilities.Length != count * ClassCount) throw new ArgumentException("Probability buffer size does not match the count.", nameof(probabilities));
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, glyphs, [count, 1, GlyphNormalizer.Size, GlyphNormalizer.Size]);
        using var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, probabilities, [count, ClassCount]);
        using var runOptions = new RunOptions();
        _session.Run(runOptions, [ModelCard.InputName], [input], [ModelCard.OutputName], [output]);
    }

    private void CheckContract()
    {
        var problems = new List<string>();
        if (!_session.InputMetadata.TryGetValue(ModelCard.InputName, out var input))
            problems.Add($"no input named '{ModelCard.InputName}'");
        else if (input.ElementDataType != TensorElementType.Float || !ShapeMatches(input.Dimensions, [-1, 1, GlyphNormalizer.Size, GlyphNormalizer.Size]))
            problems.Add($"input must be float32 [N,1,28,28], found {input.ElementDataType} [{string.Join(",", input.Dimensions)}]");
        if (!_session.OutputMetadata.TryGetValue(ModelCard.OutputName, out var output))
            problems.Add($"no output named '{ModelCard.OutputName}'");
        else if (output.ElementDataType != TensorElementType.Float || !ShapeMatches(output.Dimensions, [-1, Card.Classes.Count]))
            problems.Add($"output must be float32 [N,{Card.Classes.Count}] to match the card's {Card.Classes.Count} classes, found {output.ElementDataType} [{string.Join(",", output.Dimensions)}]");
        if (problems.Count > 0) throw new ModelContractException("The model does not match the contract: " + string.Join("; ", problems) + ".");
    }

    // -1 is the dynamic batch dimension.
    private static bool ShapeMatches(int[] actual, int[] expected) =>
        actual.Length == expected.Length && actual.Select((d, i) => expected[i] == -1 ? d <= 0 : d == expected[i]).All(ok => ok);

    public void Dispose() => _session.Dispose();
}
