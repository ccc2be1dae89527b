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

/// <summary>
/// Stroke input: each stroke is an atom, drawn straight into ink at the canvas's pen width the first time a candidate
/// needs it; a candidate of several strokes is composed from those drawings, so no stroke is drawn twice.
/// </summary>
internal sealed class StrokeInk : CanvasInk
{
    private readonly StrokeCanvas _strokes;
    private readonly InkImage?[] _drawn;

    public StrokeInk(StrokeCanvas strokes)
    {
        _strokes = strokes;
        _drawn = new InkImage?[strokes.StrokeCount];
        Atoms = Enumerable.Range(0, strokes.StrokeCount).Select(strokes.StrokeBox).ToList();
    }

    public override IReadOnlyList<PixelBox> Atoms { get; }

    public override bool AtomsAreStrokes => true;

    public override InkImage Draw(IReadOnlyList<int> atoms, PixelBox box)
    {
        var glyph = new InkImage(box.Width, box.Height);
        foreach (int atom in atoms)
        {
            var drawn = _drawn[atom] ??= _strokes.Draw([atom], Atoms[atom]);
            glyph.DrawMax(drawn, Atoms[atom].X - box.X, Atoms[atom].Y - box.Y);
        }
        return glyph;
    }
}
