using System.Numerics;

namespace MathCluster.TestSupport;

/// <summary>The strokes of one written symbol and the box they were drawn in.</summary>
public sealed record WrittenSymbol(char Label, float X, float Y, float Width, float Height, IReadOnlyList<Stroke> Strokes);

/// <summary>
/// Straight-stroke handwriting for the symbols a classifier reads most reliably (1 2 4 7 + - × = /), laid out left to
/// right like a person writes: digits full height, operators smaller and centred, generous gaps. The same strokes
/// feed the PNG painter (<see cref="PenDrawing"/>, API tests) and the mouse (browser tests), so both exercise the same drawings.
/// </summary>
public static class Handwriting
{
    // Per glyph: box width and top/height as fractions of the line height, strokes in box-relative [0, 1] coordinates.
    private sealed record Glyph(float Width, float Top, float Height, float[][] Strokes);

    private static readonly Dictionary<char, Glyph> Glyphs = new()
    {
        ['1'] = new(0.30f, 0.00f, 1.00f, [[0.1f, 0.2f, 0.6f, 0, 0.6f, 1]]),
        ['2'] = new(0.60f, 0.00f, 1.00f, [[0.05f, 0.25f, 0.3f, 0, 0.75f, 0, 0.95f, 0.25f, 0.85f, 0.5f, 0.05f, 1, 1, 1]]),
        ['/'] = new(0.45f, 0.00f, 1.00f, [[0.95f, 0, 0.05f, 1]]),
        ['4'] = new(0.60f, 0.00f, 1.00f, [[0.15f, 0, 0.05f, 0.6f, 1, 0.6f], [0.7f, 0, 0.7f, 1]]),
        ['7'] = new(0.60f, 0.00f, 1.00f, [[0, 0, 1, 0, 0.35f, 1]]),
        ['+'] = new(0.50f, 0.25f, 0.50f, [[0, 0.5f, 1, 0.5f], [0.5f, 0, 0.5f, 1]]),
        ['-'] = new(0.50f, 0.50f, 0.00f, [[0, 0, 1, 0]]),
        ['×'] = new(0.45f, 0.28f, 0.45f, [[0, 0, 1, 1], [1, 0, 0, 1]]),
        ['='] = new(0.50f, 0.36f, 0.28f, [[0, 0, 1, 0], [0, 1, 1, 1]]),
    };

    public static bool CanWrite(char symbol) => Glyphs.ContainsKey(symbol);

    /// <summary>
    /// Lays out <paramref name="symbols"/> (spaces ignored) starting at (<paramref name="left"/>, <paramref name="top"/>)
    /// with digits <paramref name="height"/> pixels tall and a gap of <paramref name="gap"/> line heights between symbols.
    /// </summary>
    public static IReadOnlyList<WrittenSymbol> Write(string symbols, float left, float top, float height, float gap = 0.45f)
    {
        var written = new List<WrittenSymbol>();
        float x = left;
        foreach (char c in symbols)
        {
            if (c == ' ') continue;
            if (!Glyphs.TryGetValue(c, out var glyph)) throw new ArgumentException($"No handwriting for '{c}'.", nameof(symbols));
            float w = glyph.Width * height, h = glyph.Height * height, y = top + glyph.Top * height;
            var strokes = glyph.Strokes
                .Select(s => new Stroke(Enumerable.Range(0, s.Length / 2).Select(i => new Vector2(x + s[2 * i] * w, y + s[2 * i + 1] * h)).ToList()))
                .ToList();
            written.Add(new WrittenSymbol(c, x, y, w, h, strokes));
            x += w + gap * height;
        }
        return written;
    }

    /// <summary>The width a line of <paramref name="symbols"/> takes at <paramref name="height"/> (for centring).</summary>
    public static float Width(string symbols, float height, float gap = 0.45f)
    {
        var written = Write(symbols, 0, 0, height, gap);
        return written.Count == 0 ? 0 : written[^1].X + written[^1].Width;
    }
}
