namespace MathCluster.Recognition.Classification;

/// <summary>The trained model committed with the code (DefaultModel/ in this project), so a fresh checkout runs without training.</summary>
public static class DefaultModel
{
    private const string ModelResource = "MathCluster.Recognition.DefaultModel.recognizer.onnx";
    private const string CardResource = "MathCluster.Recognition.DefaultModel.recognizer.card.json";

    public static byte[] ModelBytes() => Read(ModelResource);

    public static ModelCard Card() => ModelCard.Parse(Read(CardResource));

    private static byte[] Read(string name)
    {
        using var stream = typeof(DefaultModel).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing; the default model was not built into this assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
