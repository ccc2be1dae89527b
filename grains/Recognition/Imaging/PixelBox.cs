namespace MathCluster.Recognition.Imaging;

/// <summary>An axis-aligned box in pixel coordinates; Right and Bottom are exclusive.</summary>
public readonly record struct PixelBox(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;
    public int Bottom => Y + Height;

    public PixelBox Union(PixelBox other)
    {
        int x = Math.Min(X, other.X), y = Math.Min(Y, other.Y);
        return new PixelBox(x, y, Math.Max(Right, other.Right) - x, Math.Max(Bottom, other.Bottom) - y);
    }

    /// <summary>Overlap of the two boxes' horizontal extents, in pixels (negative: the gap between them).</summary>
    public int HorizontalOverlap(PixelBox other) => Math.Min(Right, other.Right) - Math.Max(X, other.X);
}
