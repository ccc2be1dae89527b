using MathCluster.Grains;
using MathCluster.Recognition.Imaging;

namespace MathCluster.Web.Endpoints;

/// <summary>Stroke JSON in a request body or multipart section: recognised by its content type, read and checked before any grain call.</summary>
public static class StrokeBody
{
    public const string JsonContentType = "application/json";

    public static int Limit => StrokeCanvas.MaxJsonBytes;

    public static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals(JsonContentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>The grain request for these bytes.</summary>
    /// <exception cref="CanvasImageException">Malformed JSON, or a limit broken.</exception>
    public static StrokeCanvasRequest Parse(byte[] json)
    {
        var strokes = StrokeJsonReader.Read(json);
        return new StrokeCanvasRequest(strokes.Width, strokes.Height, strokes.PenWidth, strokes.Coordinates, strokes.StrokeEnds);
    }

    public static CanvasStatus StatusOf(CanvasImageException e) =>
        e.Problem == CanvasImageProblem.TooLarge ? CanvasStatus.TooLarge : CanvasStatus.Unreadable;
}
