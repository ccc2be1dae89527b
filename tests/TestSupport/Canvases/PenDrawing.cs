using System.Numerics;
using System.Text.Json;
using MathCluster.Recognition.Imaging;

namespace MathCluster.TestSupport;

/// <summary>One pen-down-to-pen-up movement, in canvas pixels; a single point is a dot.</summary>
public sealed record Stroke(IReadOnlyList<Vector2> Points)
{
    public static Stroke Through(IEnumerable<(float X, float Y)> points) => new(points.Select(p => new Vector2(p.X, p.Y)).ToList());
}

/// <summary>
/// Pen strokes in writing order on a canvas of a given size, drawn with one pen: the one painter behind every
/// synthesised test canvas. It hands the drawing out the ways the page does: as stroke input (JSON, or already
/// parsed) and as the canvas's PNG export (opaque black round-pen ink on transparent pixels).
/// </summary>
public sealed class PenDrawing(int width, int height, float pen, IEnumerable<Stroke>? strokes = null)
{
    public int Width => width;
    public int Height => height;
    public float Pen => pen;
    public List<Stroke> Strokes { get; } = [.. strokes ?? []];

    /// <summary>The PNG of <paramref name="strokes"/> on a <paramref name="width"/> x <paramref name="height"/> canvas.</summary>
    public static byte[] Png(int width, int height, float pen, IEnumerable<Stroke> strokes) => new PenDrawing(width, height, pen, strokes).ToPng();

    public static byte[] Png(int width, int height, float pen, IEnumerable<WrittenSymbol> symbols) => Png(width, height, pen, symbols.SelectMany(s => s.Strokes));

    public InkImage ToInk()
    {
        var ink = new InkImage(width, height);
        var inkPen = new InkPen(ink, pen);
        foreach (var stroke in Strokes)
        {
            if (stroke.Points.Count == 1) inkPen.Dot(stroke.Points[0].X, stroke.Points[0].Y);
            else inkPen.Polyline(stroke.Points.Select(p => (p.X, p.Y)).ToArray());
        }
        return ink;
    }

    public byte[] ToPng() => PngFiles.TransparentInk(ToInk());

    /// <summary>The stroke JSON the page sends: {"width","height","strokes":[[[x,y],…],…],"penWidth"}, points rounded to 0.01 px.</summary>
    public byte[] ToStrokeJson() => JsonSerializer.SerializeToUtf8Bytes(new
    {
        width,
        height,
        penWidth = pen,
        strokes = Strokes.Select(s => s.Points.Select(p => new[] { MathF.Round(p.X, 2), MathF.Round(p.Y, 2) })),
    });

    /// <summary>The strokes as the server holds them once it has read the JSON.</summary>
    public StrokeCanvas ToStrokeCanvas() => StrokeCanvas.Create(width, height, pen,
        Strokes.SelectMany(s => s.Points.SelectMany(p => new[] { p.X, p.Y })).ToArray(),
        Strokes.Select(s => s.Points.Count).Aggregate(new List<int>(), (ends, n) => { ends.Add((ends.Count == 0 ? 0 : ends[^1]) + n); return ends; }).ToArray());
}
