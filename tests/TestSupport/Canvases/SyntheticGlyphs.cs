using MathCluster.Recognition.Imaging;

namespace MathCluster.TestSupport;

/// <summary>
/// Symbols as pen strokes in a unit box (x right, y down), drawn with <see cref="InkPen"/> at any size and pen width.
/// </summary>
public sealed record SyntheticGlyph(string Name, IReadOnlyList<(float X, float Y)[]> Strokes, IReadOnlyList<(float X, float Y)> Dots)
{
    public static readonly SyntheticGlyph Seven = new("7", [[(0.1f, 0f), (0.9f, 0f), (0.35f, 1f)]], []);
    public static readonly SyntheticGlyph Four = new("4", [[(0.7f, 1f), (0.7f, 0f), (0f, 0.65f), (1f, 0.65f)]], []);
    public static readonly SyntheticGlyph Divide = new("÷", [[(0f, 0.5f), (1f, 0.5f)]], [(0.5f, 0.12f), (0.5f, 0.88f)]);
    public static readonly SyntheticGlyph Minus = new("-", [[(0f, 0.5f), (1f, 0.5f)]], []);
    public static readonly SyntheticGlyph One = new("1", [[(0.5f, 0f), (0.5f, 1f)]], []);

    /// <summary>A 5 written the usual way: stem and bowl in one stroke, the top bar lifted off and drawn separately.</summary>
    public static readonly SyntheticGlyph TwoStrokeFive = new("5",
        [
            [(0.2f, 0.18f), (0.15f, 0.5f), (0.45f, 0.4f), (0.8f, 0.5f), (0.9f, 0.72f), (0.75f, 0.95f), (0.4f, 1f), (0.1f, 0.9f)],
            [(0.32f, 0f), (0.95f, 0f)],
        ], []);

    /// <summary>A 7 whose top bar and stem are separate strokes that do not touch.</summary>
    public static readonly SyntheticGlyph TwoStrokeSeven = new("7",
        [
            [(0.05f, 0.05f), (0.95f, 0f)],
            [(0.85f, 0.25f), (0.35f, 1f)],
        ], []);

    /// <summary>
    /// Draws the glyph so its strokes' centre lines span <paramref name="size"/> pixels on the longer side,
    /// with <paramref name="margin"/> empty pixels around the pen's outer edge.
    /// </summary>
    public InkImage Draw(float size, float penWidth, int margin = 4)
    {
        var points = Strokes.SelectMany(s => s).Concat(Dots).ToList();
        float minX = points.Min(p => p.X), maxX = points.Max(p => p.X);
        float minY = points.Min(p => p.Y), maxY = points.Max(p => p.Y);
        // Dots are drawn with a bolder pen (see DrawInto), so leave room for it.
        float pad = margin + penWidth * (Dots.Count > 0 ? 0.8f : 0.5f) + 1;
        var image = new InkImage((int)MathF.Ceiling((maxX - minX) * size + 2 * pad), (int)MathF.Ceiling((maxY - minY) * size + 2 * pad));
        DrawInto(image, pad - minX * size, pad - minY * size, size, penWidth);
        return image;
    }

    /// <summary>Draws the glyph with its unit box's top-left corner at (x, y) of an existing image.</summary>
    public void DrawInto(InkImage target, float x, float y, float size, float penWidth)
    {
        var pen = new InkPen(target, penWidth);
        foreach (var stroke in Strokes)
            pen.Polyline(stroke.Select(p => (x + p.X * size, y + p.Y * size)).ToArray());
        // Dots are drawn a little bolder than the pen, as people do.
        var dotPen = new InkPen(target, penWidth * 1.6f);
        foreach (var (dx, dy) in Dots) dotPen.Dot(x + dx * size, y + dy * size);
    }
}
