using MathCluster.Grains;
using MathCluster.Recognition;

namespace MathCluster.Web.InferenceProtocol;

/// <summary>The recognizer as the Open Inference Protocol sees it: its name, platform and tensors.</summary>
public static class RecognizerModel
{
    public const string Name = "recognizer";
    public const string Platform = "onnxruntime_onnx";
    public const string InputName = "input";
    public const string ProbabilitiesOutput = "probabilities";
    public const string LabelOutput = "label";

    public const int Side = GlyphNormalizer.Size;
    public const int PixelsPerGlyph = GlyphNormalizer.PixelCount;

    public static bool IsServed(string name) => string.Equals(name, Name, StringComparison.Ordinal);

    public static ModelMetadata Metadata(ModelVersionInfo active) => new(
        Name,
        [active.Version],
        Platform,
        [new TensorMetadata(InputName, TensorDatatypes.Fp32, [-1, 1, Side, Side])],
        [
            new TensorMetadata(ProbabilitiesOutput, TensorDatatypes.Fp32, [-1, active.Classes.Count]),
            new TensorMetadata(LabelOutput, TensorDatatypes.Bytes, [-1]),
        ]);
}
