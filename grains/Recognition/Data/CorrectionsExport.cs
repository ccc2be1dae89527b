namespace MathCluster.Recognition.Data;

/// <summary>
/// The corrections export: users' corrected glyphs as two gzip IDX files in the format of ../shared/data,
/// normalised 28x28 glyphs (ink 255 on 0) and their class codes. The web app serves each file at
/// <c>GET /api/corrections/export?file=images|labels</c>; the trainer's finetune reads them from a folder or that URL.
/// </summary>
public static class CorrectionsExport
{
    public const string ImagesFileName = "corrections-images-idx3-ubyte.gz";
    public const string LabelsFileName = "corrections-labels-idx1-ubyte.gz";
    public const string ImagesQuery = "images", LabelsQuery = "labels";

    /// <summary>Glyphs (the normaliser's floats, 0-1) as IDX pixels, ink 255 on 0.</summary>
    public static byte[] ToPixels(ReadOnlySpan<float> glyph)
    {
        var pixels = new byte[glyph.Length];
        for (int i = 0; i < glyph.Length; i++) pixels[i] = (byte)Math.Clamp(MathF.Round(glyph[i] * 255), 0, 255);
        return pixels;
    }

    /// <summary>IDX pixels back to the model's input floats.</summary>
    public static float[] ToGlyph(ReadOnlySpan<byte> pixels)
    {
        var glyph = new float[pixels.Length];
        for (int i = 0; i < pixels.Length; i++) glyph[i] = pixels[i] / 255f;
        return glyph;
    }
}
