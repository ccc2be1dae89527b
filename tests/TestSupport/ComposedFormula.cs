using MathCluster.Recognition.Expressions;
using MathCluster.Recognition.Imaging;

namespace MathCluster.TestSupport;

/// <summary>One symbol of a composed formula, where it was put on the canvas and what it is.</summary>
/// <param name="Label">A class label, "." for a pen-drawn decimal point, or "-" for a pen-drawn fraction bar.</param>
/// <param name="Glyph">The handwritten glyph drawn there; null for the pen-drawn bar and dot.</param>
/// <param name="PenWidth">The pen width of a bar or dot.</param>
public sealed record PlacedSymbol(string Label, PixelBox Box, InkImage? Glyph, bool IsBar, float PenWidth);

/// <summary>
/// A 2-D formula composed from held-out glyphs: the symbols' true boxes and labels (ground-truth segmentation), the
/// value it must read as, and the canvas ink, drawn on demand.
/// </summary>
public sealed record ComposedFormula(string Kind, FormulaTerm Term, int Width, int Height, IReadOnlyList<PlacedSymbol> Symbols)
{
    public BigRational Value => Term.Value;

    public IReadOnlyList<PixelBox> Boxes => Symbols.Select(s => s.Box).ToArray();

    public IReadOnlyList<string> Labels => Symbols.Select(s => s.Label).ToArray();

    /// <summary>Black ink on nothing: glyphs resized into their boxes, bars and dots drawn with a pen.</summary>
    public InkImage DrawInk()
    {
        var canvas = new InkImage(Width, Height);
        foreach (var symbol in Symbols)
        {
            var box = symbol.Box;
            if (symbol.Glyph is { } glyph)
            {
                canvas.DrawMax(InkScaling.Resize(glyph, box.Width, box.Height), box.X, box.Y);
                continue;
            }

            var pen = new InkPen(canvas, symbol.PenWidth);
            float half = symbol.PenWidth / 2;
            if (symbol.IsBar) pen.Line(box.X + half, box.Y + half, box.Right - half, box.Bottom - half);
            else pen.Dot(box.X + box.Width / 2f, box.Y + box.Height / 2f);
        }
        return canvas;
    }
}
