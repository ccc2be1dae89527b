using MathCluster.Recognition;
using MathCluster.TestSupport;

namespace MathCluster.Cluster.Tests.Support;

/// <summary>A canvas PNG and the expression it was drawn with (× as *, a trailing = dropped, as the API reports it).</summary>
public sealed record TestCanvas(string Name, byte[] Png, string Expression);

/// <summary>The load's inputs: canvases whose expressions are known, and normalised glyphs for /v2 infer.</summary>
public static class TestCanvases
{
    private static readonly string[] Texts = ["7+4", "4×7", "71-4=", "7-1", "17+4", "74-1"];

    public static IReadOnlyList<TestCanvas> All { get; } =
        Texts.Select((text, i) => new TestCanvas($"canvas-{i}.png", new CanvasSketch().Write(text).ToPng(), text.Replace("×", "*").TrimEnd('='))).ToList();

    /// <summary>The glyphs of "7+4-1" drawn and normalised as the server does: Count x 784 floats.</summary>
    public static float[] Glyphs { get; } = DrawGlyphs("7+4-1");

    public const int GlyphCount = 5;

    private static float[] DrawGlyphs(string text)
    {
        var sketch = new CanvasSketch().Write(text);
        var ink = sketch.ToInk();
        return sketch.Boxes.SelectMany(box => GlyphNormalizer.Normalize(ink.Crop(box))).ToArray();
    }
}
