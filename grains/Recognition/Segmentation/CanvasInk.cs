using MathCluster.Recognition.Imaging;

namespace MathCluster.Recognition.Segmentation;

/// <summary>
/// The ink of one canvas as atoms the segmenter never splits: connected components of a PNG, or pen strokes. Symbols
/// are groups of atoms; any group can be drawn on its own, without the ink of its neighbours.
/// </summary>
public abstract class CanvasInk
{
    /// <summary>Each atom's box in canvas pixels, in writing order for strokes.</summary>
    public abstract IReadOnlyList<PixelBox> Atoms { get; }

    /// <summary>Whether the atoms are pen strokes (which may touch and still be different symbols) rather than ink components.</summary>
    public abstract bool AtomsAreStrokes { get; }

    /// <summary>The ink of <paramref name="atoms"/> alone, as an image covering <paramref name="box"/> (canvas pixels).</summary>
    public abstract InkImage Draw(IReadOnlyList<int> atoms, PixelBox box);
}

/// <summary>A PNG's ink: components of the decoded canvas, found once with a label image.</summary>
internal sealed class ComponentInk(InkImage canvas, int[] labels, IReadOnlyList<InkComponent> components) : CanvasInk
{
    public override IReadOnlyList<PixelBox> Atoms { get; } = components.Select(c => c.Box).ToList();

    public override bool AtomsAreStrokes => false;

    public override InkImage Draw(IReadOnlyList<int> atoms, PixelBox box)
    {
        // A symbol has a few parts at most: a linear scan beats hashing for every pixel of its box.
        var members = atoms.Select(a => components[a].Label).ToArray();
        var glyph = new InkImage(box.Width, box.Height);
        for (int y = 0; y < box.Height; y++)
        {
            int from = (box.Y + y) * canvas.Width + box.X;
            var rowLabels = labels.AsSpan(from, box.Width);
            var rowInk = canvas.Ink.AsSpan(from, box.Width);
            var target = glyph.Ink.AsSpan(y * box.Width, box.Width);
            for (int x = 0; x < rowLabels.Length; x++)
            {
                int label = rowLabels[x];
                if (label != 0 && Array.IndexOf(members, label) >= 0) target[x] = rowInk[x];
            }
        }
        return glyph;
    }
}

/// <summary>Stroke input: each stroke is an atom, drawn straight into ink at the canvas's pen width when needed.</summary>
internal sealed class StrokeInk(StrokeCanvas strokes) : CanvasInk
{
    public override IReadOnlyList<PixelBox> Atoms { get; } = Enumerable.Range(0, strokes.StrokeCount).Select(strokes.StrokeBox).ToList();

    public override bool AtomsAreStrokes => true;

    public override InkImage Draw(IReadOnlyList<int> atoms, PixelBox box) => strokes.Draw(atoms, box);
}
