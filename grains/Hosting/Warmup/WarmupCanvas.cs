using MathCluster.Recognition.Imaging;

namespace MathCluster.Hosting.Warmup;

/// <summary>"12+7" drawn the way the page draws it: what silos and web processes read to warm themselves up.</summary>
public static class WarmupCanvas
{
    public const int Width = 320, Height = 120;
    public const float PenWidth = 6;

    /// <summary>Each stroke's points as x, y pairs, in writing order.</summary>
    public static IReadOnlyList<float[]> Strokes { get; } =
        [[30, 20, 30, 100], [60, 35, 80, 20, 100, 35, 62, 100, 104, 100], [130, 60, 170, 60], [150, 40, 150, 80], [200, 20, 250, 20, 215, 100]];

    public static StrokeCanvas ToStrokeCanvas()
    {
        var ends = new List<int>();
        foreach (var stroke in Strokes) ends.Add((ends.Count > 0 ? ends[^1] : 0) + stroke.Length / 2);
        return StrokeCanvas.Create(Width, Height, PenWidth, Strokes.SelectMany(s => s).ToArray(), [.. ends]);
    }

    /// <summary>The same strokes as a PNG, as an uploaded canvas.</summary>
    public static byte[] ToPng()
    {
        var strokes = ToStrokeCanvas();
        return CanvasEncoder.Png(strokes.Draw(Enumerable.Range(0, strokes.StrokeCount), new PixelBox(0, 0, strokes.Width, strokes.Height)));
    }
}
