using MathCluster.Recognition.Imaging;

namespace MathCluster.TestSupport;

/// <summary>
/// Writes symbols as pen strokes left to right, like the page does, and hands the same drawing out as stroke input and
/// as a PNG, so grouping can be checked on both. Shapes are polylines in a unit box (y down); a one-point stroke is a dot.
/// </summary>
public sealed class StrokeLine(float lineHeight = 100, float pen = 7, float margin = 30)
{
    private readonly float _margin = margin;
    public static readonly (float X, float Y)[][] One = [[(0.35f, 0.12f), (0.6f, 0f), (0.6f, 1f)]];
    public static readonly (float X, float Y)[][] Seven = [[(0.05f, 0f), (0.95f, 0f), (0.35f, 1f)]];
    public static readonly (float X, float Y)[][] Four = [[(0.7f, 1f), (0.7f, 0f), (0.05f, 0.65f), (0.95f, 0.65f)]];
    /// <summary>A 4 written as a person often does: the open angle, pen up, then the stem, not touching the bar.</summary>
    public static readonly (float X, float Y)[][] TwoStrokeFour = [[(0.25f, 0f), (0.05f, 0.62f), (0.5f, 0.62f)], [(0.78f, 0f), (0.78f, 1f)]];
    /// <summary>A 5 whose top bar is lifted off the body.</summary>
    public static readonly (float X, float Y)[][] TwoStrokeFive =
        [[(0.2f, 0.2f), (0.15f, 0.5f), (0.45f, 0.4f), (0.8f, 0.5f), (0.9f, 0.72f), (0.75f, 0.95f), (0.4f, 1f), (0.1f, 0.9f)], [(0.32f, 0f), (0.95f, 0f)]];
    public static readonly (float X, float Y)[][] Plus = [[(0f, 0.5f), (1f, 0.5f)], [(0.5f, 0f), (0.5f, 1f)]];
    public static readonly (float X, float Y)[][] Times = [[(0f, 0f), (1f, 1f)], [(1f, 0f), (0f, 1f)]];
    public static readonly (float X, float Y)[][] EqualsSign = [[(0f, 0.2f), (1f, 0.2f)], [(0f, 0.8f), (1f, 0.8f)]];
    public static readonly (float X, float Y)[][] Divide = [[(0f, 0.5f), (1f, 0.5f)], [(0.5f, 0.05f)], [(0.5f, 0.95f)]];
    public static readonly (float X, float Y)[][] Slash = [[(0.9f, 0f), (0.1f, 1f)]];

    private readonly List<Stroke> _strokes = [];
    private float _x = margin;

    /// <summary>A digit-sized symbol: <paramref name="width"/> and the line's height, in line heights.</summary>
    public StrokeLine Tall((float X, float Y)[][] shape, float width = 0.6f, float gap = 0.3f) => Add(shape, width, 1, 0, gap);

    /// <summary>An operator: smaller than a digit and centred on the line.</summary>
    public StrokeLine Small((float X, float Y)[][] shape, float size = 0.45f, float gap = 0.3f) => Add(shape, size, size, (1 - size) / 2, gap);

    public StrokeLine Add((float X, float Y)[][] shape, float width, float height, float top, float gap)
    {
        foreach (var stroke in shape)
            _strokes.Add(Stroke.Through(stroke.Select(p => (_x + p.X * width * lineHeight, _margin + (top + p.Y * height) * lineHeight))));
        _x += (width + gap) * lineHeight;
        return this;
    }

    public int Width => (int)(_x + _margin);
    public int Height => (int)(lineHeight + 2 * _margin);

    private PenDrawing Drawing => new(Width, Height, pen, _strokes);

    public StrokeCanvas ToStrokes() => Drawing.ToStrokeCanvas();

    public InkImage ToInk() => Drawing.ToInk();

    public byte[] ToPng() => Drawing.ToPng();
}
