using MathCluster.Recognition.Imaging;
using MathCluster.TestSupport;

namespace MathCluster.Web.Tests.Support;

/// <summary>Paints strokes like the browser page does: opaque black round-pen ink on a transparent canvas, exported as PNG.</summary>
public static class CanvasPng
{
    public static byte[] Paint(int width, int height, float penWidth, IEnumerable<Stroke> strokes)
    {
        var ink = new InkImage(width, height);
        var pen = new InkPen(ink, penWidth);
        foreach (var stroke in strokes)
        {
            if (stroke.Points.Count == 1) pen.Dot(stroke.Points[0].X, stroke.Points[0].Y);
            else pen.Polyline(stroke.Points.Select(p => (p.X, p.Y)).ToArray());
        }
        return PngFiles.TransparentInk(ink);
    }

    public static byte[] Paint(int width, int height, float penWidth, IEnumerable<WrittenSymbol> symbols) =>
        Paint(width, height, penWidth, symbols.SelectMany(s => s.Strokes));
}
