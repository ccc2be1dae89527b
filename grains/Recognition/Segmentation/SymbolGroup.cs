using MathCluster.Recognition.Imaging;

namespace MathCluster.Recognition.Segmentation;

/// <summary>Atoms of a <see cref="CanvasInk"/> taken as one symbol, and their joint box.</summary>
public sealed record SymbolGroup(IReadOnlyList<int> Atoms, PixelBox Box)
{
    public float CenterX => Box.X + Box.Width / 2f;
    public float CenterY => Box.Y + Box.Height / 2f;

    /// <summary>Names the ink read as this symbol: its atoms and its box (a cut part shares its one atom with the whole).</summary>
    public string Key => string.Join(",", Atoms.Order()) + "@" + Box;
}
