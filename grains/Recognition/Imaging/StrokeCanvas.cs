namespace MathCluster.Recognition.Imaging;

/// <summary>
/// Pen strokes on a canvas, in writing order and canvas pixels: the stroke input of /api/recognize. Points are
/// packed as x,y pairs in <see cref="Coordinates"/>; stroke i is points StrokeEnds[i-1] (or 0) up to StrokeEnds[i].
/// Built only through <see cref="Create"/>, which enforces every limit, so an instance is always safe to draw.
/// </summary>
public sealed class StrokeCanvas
{
    public const int MaxJsonBytes = 512 * 1024;
    public const int MaxStrokes = 2_000;
    public const int MaxPoints = 100_000;
    public const float MinPenWidth = 1, MaxPenWidth = 64;
    public const float DefaultPenWidth = 6;

    private StrokeCanvas(int width, int height, float penWidth, float[] coordinates, int[] strokeEnds)
    {
        Width = width;
        Height = height;
        PenWidth = penWidth;
        Coordinates = coordinates;
        StrokeEnds = strokeEnds;
    }

    public int Width { get; }
    public int Height { get; }
    public float PenWidth { get; }
    public float[] Coordinates { get; }
    public int[] StrokeEnds { get; }
    public int StrokeCount => StrokeEnds.Length;
    public int PointCount => Coordinates.Length / 2;

    public int StrokeStart(int stroke) => stroke == 0 ? 0 : StrokeEnds[stroke - 1];

    /// <exception cref="CanvasImageException">A size, count, pen width or coordinate is out of bounds.</exception>
    public static StrokeCanvas Create(int width, int height, float penWidth, float[] coordinates, int[] strokeEnds)
    {
        if (width <= 0 || height <= 0)
            throw new CanvasImageException(CanvasImageProblem.Unreadable, "The canvas needs a positive width and height.");
        if (width > CanvasDecoder.MaxSide || height > CanvasDecoder.MaxSide)
            throw new CanvasImageException(CanvasImageProblem.TooLarge, $"The canvas is {width}x{height} pixels; at most {CanvasDecoder.MaxSide}x{CanvasDecoder.MaxSide} are accepted.");
        if (!float.IsFinite(penWidth) || penWidth < MinPenWidth || penWidth > MaxPenWidth)
            throw new CanvasImageException(CanvasImageProblem.Unreadable, $"penWidth must be between {MinPenWidth} and {MaxPenWidth} pixels.");
        if (strokeEnds.Length > MaxStrokes)
            throw new CanvasImageException(CanvasImageProblem.TooLarge, $"At most {MaxStrokes} strokes are accepted.");
        if (coordinates.Length % 2 != 0 || coordinates.Length / 2 > MaxPoints)
            throw new CanvasImageException(CanvasImageProblem.TooLarge, $"At most {MaxPoints} points are accepted.");
        int previous = 0;
        for (int s = 0; s < strokeEnds.Length; s++)
        {
            if (strokeEnds[s] <= previous || strokeEnds[s] > coordinates.Length / 2)
                throw new CanvasImageException(CanvasImageProblem.Unreadable, $"Stroke {s + 1} has no points.");
            previous = strokeEnds[s];
        }
        if (previous != coordinates.Length / 2)
            throw new CanvasImageException(CanvasImageProblem.Unreadable, "Every point must belong to a stroke.");
        for (int i = 0; i < coordinates.Length; i += 2)
        {
            float x = coordinates[i], y = coordinates[i + 1];
            if (!float.IsFinite(x) || !float.IsFinite(y) || x < 0 || y < 0 || x > width || y > height)
                throw new CanvasImageException(CanvasImageProblem.Unreadable,
                    $"Point {i / 2 + 1} ({x}, {y}) is not a finite position inside the {width}x{height} canvas.");
        }
        return new StrokeCanvas(width, height, penWidth, coordinates, strokeEnds);
    }

    /// <summary>The box the pen covers when it draws stroke <paramref name="stroke"/>, clipped to the canvas.</summary>
    public PixelBox StrokeBox(int stroke)
    {
        float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
        for (int p = StrokeStart(stroke); p < StrokeEnds[stroke]; p++)
        {
            float x = Coordinates[2 * p], y = Coordinates[2 * p + 1];
            minX = Math.Min(minX, x); maxX = Math.Max(maxX, x);
            minY = Math.Min(minY, y); maxY = Math.Max(maxY, y);
        }
        float r = PenWidth / 2;
        int x0 = Math.Max(0, (int)MathF.Floor(minX - r)), y0 = Math.Max(0, (int)MathF.Floor(minY - r));
        int x1 = Math.Min(Width, (int)MathF.Ceiling(maxX + r)), y1 = Math.Min(Height, (int)MathF.Ceiling(maxY + r));
        return new PixelBox(x0, y0, Math.Max(1, x1 - x0), Math.Max(1, y1 - y0));
    }

    /// <summary>
    /// Draws the given strokes at the canvas's pen width into an image covering <paramref name="box"/> (canvas pixels):
    /// straight into ink, no PNG in between, and only as large as the symbol.
    /// </summary>
    public InkImage Draw(IEnumerable<int> strokes, PixelBox box)
    {
        var ink = new InkImage(box.Width, box.Height);
        var pen = new InkPen(ink, PenWidth);
        foreach (int stroke in strokes)
        {
            int start = StrokeStart(stroke), end = StrokeEnds[stroke];
            float px = Coordinates[2 * start] - box.X, py = Coordinates[2 * start + 1] - box.Y;
            if (end - start == 1) pen.Dot(px, py);
            for (int p = start + 1; p < end; p++)
            {
                float x = Coordinates[2 * p] - box.X, y = Coordinates[2 * p + 1] - box.Y;
                pen.Line(px, py, x, y);
                (px, py) = (x, y);
            }
        }
        return ink;
    }
}
