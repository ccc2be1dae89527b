using System.Text.Json;

namespace MathCluster.Recognition.Imaging;

/// <summary>
/// Reads the stroke format <c>{"width":W,"height":H,"strokes":[[[x,y(,t)],…],…],"penWidth":px}</c> as hostile input:
/// the byte size is capped before parsing, nesting is capped by the reader, and stroke and point counts are checked
/// while reading, so a huge array is refused before it is held. NaN and infinities are not JSON; numbers too large
/// for a float are refused as not finite.
/// </summary>
public static class StrokeJsonReader
{
    // Object → strokes → stroke → point: anything deeper is not this format.
    private const int MaxDepth = 4;

    /// <exception cref="CanvasImageException">The JSON is malformed, too large, or breaks a limit.</exception>
    public static StrokeCanvas Read(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty) throw new CanvasImageException(CanvasImageProblem.Empty, "The stroke JSON is empty (0 bytes).");
        if (json.Length > StrokeCanvas.MaxJsonBytes)
            throw new CanvasImageException(CanvasImageProblem.TooLarge, $"The stroke JSON is {json.Length} bytes; at most {StrokeCanvas.MaxJsonBytes} are accepted.");
        try
        {
            return Parse(json);
        }
        catch (JsonException e)
        {
            throw new CanvasImageException(CanvasImageProblem.Unreadable, $"The stroke JSON cannot be read: {e.Message}");
        }
    }

    private static StrokeCanvas Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        Next(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject) throw Unreadable("The stroke JSON must be an object.");
        int? width = null, height = null;
        float penWidth = StrokeCanvas.DefaultPenWidth;
        List<float>? coordinates = null;
        List<int>? strokeEnds = null;
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) break;
            string name = reader.GetString()!;
            Next(ref reader);
            switch (name)
            {
                case "width": width = Integer(ref reader, name); break;
                case "height": height = Integer(ref reader, name); break;
                case "penWidth": penWidth = (float)Number(ref reader, name); break;
                case "strokes": (coordinates, strokeEnds) = Strokes(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        if (reader.Read()) throw Unreadable("Nothing may follow the stroke object.");
        if (width is null || height is null) throw Unreadable("The stroke JSON needs \"width\" and \"height\" (canvas pixels).");
        if (coordinates is null || strokeEnds is null) throw Unreadable("The stroke JSON needs \"strokes\": [[[x,y],…],…].");
        return StrokeCanvas.Create(width.Value, height.Value, penWidth, coordinates.ToArray(), strokeEnds.ToArray());
    }

    private static (List<float> Coordinates, List<int> StrokeEnds) Strokes(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw Unreadable("\"strokes\" must be an array of strokes.");
        var coordinates = new List<float>();
        var ends = new List<int>();
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray) return (coordinates, ends);
            if (reader.TokenType != JsonTokenType.StartArray) throw Unreadable($"Stroke {ends.Count + 1} must be an array of points.");
            if (ends.Count == StrokeCanvas.MaxStrokes)
                throw new CanvasImageException(CanvasImageProblem.TooLarge, $"At most {StrokeCanvas.MaxStrokes} strokes are accepted.");
            int before = coordinates.Count;
            while (true)
            {
                Next(ref reader);
                if (reader.TokenType == JsonTokenType.EndArray) break;
                if (reader.TokenType != JsonTokenType.StartArray) throw Unreadable($"Each point of stroke {ends.Count + 1} must be [x, y] or [x, y, t].");
                if (coordinates.Count / 2 == StrokeCanvas.MaxPoints)
                    throw new CanvasImageException(CanvasImageProblem.TooLarge, $"At most {StrokeCanvas.MaxPoints} points are accepted.");
                Next(ref reader);
                coordinates.Add((float)Number(ref reader, "x"));
                Next(ref reader);
                coordinates.Add((float)Number(ref reader, "y"));
                Next(ref reader);
                if (reader.TokenType != JsonTokenType.EndArray)
                {
                    Number(ref reader, "t");
                    Next(ref reader);
                    if (reader.TokenType != JsonTokenType.EndArray) throw Unreadable("A point has at most three values: [x, y, t].");
                }
            }
            if (coordinates.Count == before) throw Unreadable($"Stroke {ends.Count + 1} has no points.");
            ends.Add(coordinates.Count / 2);
        }
    }

    private static double Number(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out double value) || !double.IsFinite(value) || Math.Abs(value) > float.MaxValue)
            throw Unreadable($"\"{what}\" must be a finite number.");
        return value;
    }

    private static int Integer(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int value))
            throw Unreadable($"\"{what}\" must be a whole number of pixels.");
        return value;
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw Unreadable("The stroke JSON ends too early.");
    }

    private static CanvasImageException Unreadable(string message) => new(CanvasImageProblem.Unreadable, message);
}
