using MathCluster.Recognition.Data;

namespace MathCluster.Recognition.Classification;

/// <summary>
/// A small labelled set of normalised glyphs (GoldenSet/ in this project, made by the trainer's `golden` command from
/// held-out handwriting of every class) that every candidate model must classify well before it may serve.
/// </summary>
public sealed class GoldenSet
{
    private const string ImagesResource = "MathCluster.Recognition.GoldenSet.golden-images-idx3-ubyte.gz";
    private const string LabelsResource = "MathCluster.Recognition.GoldenSet.golden-labels-idx1-ubyte.gz";

    private GoldenSet(float[] glyphs, byte[] labels)
    {
        Glyphs = glyphs;
        Labels = labels;
    }

    /// <summary>Count x 784 floats, ink 1.0 on 0.0, as the normaliser writes them.</summary>
    public float[] Glyphs { get; }
    /// <summary>Class indices in <see cref="SymbolClasses"/> order.</summary>
    public IReadOnlyList<byte> Labels { get; }
    public int Count => Labels.Count;

    private static readonly Lazy<GoldenSet> Embedded = new(LoadEmbedded);

    public static GoldenSet Load() => Embedded.Value;

    /// <summary>Fraction of the set the model labels correctly.</summary>
    public double Accuracy(OnnxGlyphClassifier classifier)
    {
        var probabilities = classifier.Predict(Glyphs, Count);
        int classes = classifier.ClassCount, correct = 0;
        for (int i = 0; i < Count; i++)
        {
            if (GlyphPrediction.BestClass(probabilities.AsSpan(i * classes, classes)) == Labels[i]) correct++;
        }
        return (double)correct / Count;
    }

    private static GoldenSet LoadEmbedded()
    {
        var assembly = typeof(GoldenSet).Assembly;
        using var images = assembly.GetManifestResourceStream(ImagesResource) ?? throw new InvalidOperationException($"Embedded resource {ImagesResource} is missing.");
        using var labels = assembly.GetManifestResourceStream(LabelsResource) ?? throw new InvalidOperationException($"Embedded resource {LabelsResource} is missing.");
        var idx = IdxFile.ReadImages(images, ImagesResource);
        var labelBytes = IdxFile.ReadLabels(labels, LabelsResource);
        if (idx.Rows != GlyphNormalizer.Size || idx.Columns != GlyphNormalizer.Size || idx.Count != labelBytes.Length)
            throw new InvalidOperationException("The golden set's images and labels do not match the model input.");
        var glyphs = new float[idx.Pixels.Length];
        for (int i = 0; i < glyphs.Length; i++) glyphs[i] = idx.Pixels[i] / 255f;
        return new GoldenSet(glyphs, labelBytes);
    }
}
