using MathCluster.Recognition.Imaging;

namespace MathCluster.TestSupport;

/// <summary>
/// Draws expressions the way a person does on the web canvas: pen strokes, left to right, black ink on a
/// transparent background, exported as PNG or stroke JSON (through <see cref="PenDrawing"/>). Glyph shapes, curves
/// included, are polylines in a unit box (y down).
/// </summary>
public sealed class CanvasSketch(int width = 900, int height = 240, float pen = 10, int glyphSize = 120, int spacing = 40)
{
    private static readonly Dictionary<char, (float X, float Y)[][]> Shapes = new()
    {
        ['0'] = [Ellipse(0.5f, 0.5f, 0.32f, 0.5f)],
        ['1'] = [[(0.35f, 0.15f), (0.55f, 0f), (0.55f, 1f)]],
        ['2'] = [[(0.1f, 0.25f), (0.3f, 0.02f), (0.65f, 0.02f), (0.85f, 0.25f), (0.8f, 0.45f), (0.1f, 1f), (0.9f, 1f)]],
        ['3'] = [[(0.1f, 0.05f), (0.85f, 0.05f), (0.4f, 0.45f), (0.75f, 0.5f), (0.9f, 0.75f), (0.7f, 0.97f), (0.15f, 0.95f)]],
        ['4'] = [[(0.7f, 1f), (0.7f, 0f), (0.05f, 0.65f), (0.95f, 0.65f)]],
        ['5'] = [[(0.85f, 0f), (0.2f, 0f), (0.15f, 0.45f), (0.6f, 0.4f), (0.85f, 0.6f), (0.8f, 0.9f), (0.45f, 1f), (0.1f, 0.9f)]],
        ['7'] = [[(0.1f, 0f), (0.9f, 0f), (0.35f, 1f)]],
        ['+'] = [[(0.5f, 0.2f), (0.5f, 0.8f)], [(0.2f, 0.5f), (0.8f, 0.5f)]],
        ['-'] = [[(0.15f, 0.5f), (0.85f, 0.5f)]],
        ['×'] = [[(0.25f, 0.3f), (0.75f, 0.7f)], [(0.75f, 0.3f), (0.25f, 0.7f)]],
        ['='] = [[(0.2f, 0.4f), (0.8f, 0.4f)], [(0.2f, 0.6f), (0.8f, 0.6f)]],
        ['÷'] = [[(0.15f, 0.5f), (0.85f, 0.5f)], [(0.5f, 0.28f)], [(0.5f, 0.72f)]],
        ['/'] = [[(0.8f, 0f), (0.2f, 1f)]],
        ['('] = [Arc(0.85f, 0.5f, 0.55f, 0.5f, 120, 240)],
        [')'] = [Arc(0.15f, 0.5f, 0.55f, 0.5f, -60, 60)],
    };

    private readonly PenDrawing _drawing = new(width, height, pen);
    private float _x = spacing;

    public static IReadOnlyCollection<char> Symbols => Shapes.Keys;

    /// <summary>The boxes (canvas pixels) the glyphs were drawn into, in order.</summary>
    public List<PixelBox> Boxes { get; } = [];

    /// <summary>Draws each character of <paramref name="text"/> (spaces ignored) in the next slot to the right.</summary>
    public CanvasSketch Write(string text)
    {
        foreach (char c in text.Where(c => c != ' ')) Glyph(c);
        return this;
    }

    public CanvasSketch Glyph(char symbol)
    {
        var strokes = Shapes[symbol];
        bool small = symbol is '+' or '-' or '×' or '=' or '÷';
        float size = small ? glyphSize * 0.6f : glyphSize;
        float boxWidth = symbol is '1' or '(' or ')' ? size * 0.5f : size * 0.75f;
        float top = (height - size) / 2;
        foreach (var stroke in strokes) _drawing.Strokes.Add(Stroke.Through(stroke.Select(p => (_x + p.X * boxWidth, top + p.Y * size))));
        Boxes.Add(new PixelBox((int)_x, (int)top, (int)boxWidth, (int)size));
        _x += boxWidth + spacing;
        return this;
    }

    public InkImage ToInk() => _drawing.ToInk();

    /// <summary>Black strokes on transparent pixels, like an HTML canvas export.</summary>
    public byte[] ToPng() => _drawing.ToPng();

    /// <summary>The same drawing as the stroke JSON the page sends: {"width","height","strokes":[[[x,y],…],…],"penWidth"}.</summary>
    public byte[] ToStrokeJson() => _drawing.ToStrokeJson();

    private static (float X, float Y)[] Ellipse(float cx, float cy, float rx, float ry) =>
        Enumerable.Range(0, 37).Select(i => (cx + rx * MathF.Cos(i * MathF.PI / 18), cy + ry * MathF.Sin(i * MathF.PI / 18))).ToArray();

    private static (float X, float Y)[] Arc(float cx, float cy, float rx, float ry, float fromDegrees, float toDegrees) =>
        Enumerable.Range(0, 13).Select(i =>
        {
            float a = (fromDegrees + (toDegrees - fromDegrees) * i / 12) * MathF.PI / 180;
            return (cx + rx * MathF.Cos(a), cy + ry * MathF.Sin(a));
        }).ToArray();
}
