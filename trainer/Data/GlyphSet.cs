using MathCluster.Recognition;

namespace MathCluster.Trainer.Data;

/// <summary>Normalised glyphs (784 floats each, the model input) with their class labels and source names.</summary>
public sealed class GlyphSet
{
    private readonly List<float[]> _glyphs = [];
    private readonly List<int> _labels = [];
    private readonly List<string> _sources = [];

    public int Count => _labels.Count;
    public IReadOnlyList<float[]> Glyphs => _glyphs;
    public IReadOnlyList<int> Labels => _labels;
    public IReadOnlyList<string> Sources => _sources;

    public void Add(float[] glyph, int label, string source)
    {
        if (glyph.Length != GlyphNormalizer.PixelCount) throw new ArgumentException("Glyph must be normalised first.", nameof(glyph));
        _glyphs.Add(glyph);
        _labels.Add(label);
        _sources.Add(source);
    }

    public void AddRange(GlyphSet other)
    {
        for (int i = 0; i < other.Count; i++) Add(other._glyphs[i], other._labels[i], other._sources[i]);
    }

    /// <summary>The glyphs at <paramref name="indices"/> packed into one contiguous buffer, as a batch input.</summary>
    public float[] Pack(IReadOnlyList<int> indices)
    {
        var batch = new float[indices.Count * GlyphNormalizer.PixelCount];
        for (int i = 0; i < indices.Count; i++)
            _glyphs[indices[i]].CopyTo(batch, i * GlyphNormalizer.PixelCount);
        return batch;
    }
}
