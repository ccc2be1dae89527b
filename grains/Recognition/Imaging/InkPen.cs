namespace MathCluster.Recognition.Imaging;

/// <summary>Draws anti-aliased round-pen strokes and dots onto an ink image (used to synthesise training glyphs and test canvases).</summary>
public sealed class InkPen(InkImage target, float width)
{
    public float Width { get; } = width;

    public void Line(float x0, float y0, float x1, float y1)
    {
        float r = Width / 2;
        int minX = Math.Max(0, (int)MathF.Floor(Math.Min(x0, x1) - r - 1)), maxX = Math.Min(target.Width - 1, (int)MathF.Ceiling(Math.Max(x0, x1) + r + 1));
        int minY = Math.Max(0, (int)MathF.Floor(Math.Min(y0, y1) - r - 1)), maxY = Math.Min(target.Height - 1, (int)MathF.Ceiling(Math.Max(y0, y1) + r + 1));
        float dx = x1 - x0, dy = y1 - y0, lengthSquared = dx * dx + dy * dy;
        for (int y = minY; y <= maxY; y++)
        for (int x = minX; x <= maxX; x++)
        {
            float px = x + 0.5f - x0, py = y + 0.5f - y0;
            float t = lengthSquared > 0 ? Math.Clamp((px * dx + py * dy) / lengthSquared, 0, 1) : 0;
            float ex = px - t * dx, ey = py - t * dy;
            float coverage = Math.Clamp(r + 0.5f - MathF.Sqrt(ex * ex + ey * ey), 0, 1);
            if (coverage > target[x, y]) target[x, y] = coverage;
        }
    }

    public void Dot(float x, float y) => Line(x, y, x, y);

    public void Polyline(params (float X, float Y)[] points)
    {
        for (int i = 1; i < points.Length; i++) Line(points[i - 1].X, points[i - 1].Y, points[i].X, points[i].Y);
    }
}
