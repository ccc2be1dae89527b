using MathCluster.Recognition.Imaging;

namespace MathCluster.Trainer.Data;

/// <summary>
/// A glyph as the drawing page would have drawn it: pen strokes (polylines of x, y pairs in <see cref="Ink"/>'s pixels,
/// in drawing order) and the ink they leave with a round pen. The strokes are what the page sends as stroke JSON; the
/// ink is what it would send as a PNG.
/// </summary>
public sealed record RedrawnGlyph(InkImage Ink, IReadOnlyList<float[]> Strokes);

/// <summary>
/// Redraws a scanned glyph as the drawing page would: its strokes thinned to their centre lines, then drawn again with
/// one round pen of a given width. Glyph images carry their source's pen (MNIST thick, the symbol sets' hairline), scaled
/// with the glyph; on a real canvas one pen draws every symbol, so the small operators keep solid strokes and visible dots.
/// A pen lift cuts the centre line, so the two strokes end apart as a writer's would.
/// </summary>
public static class PenRedraw
{
    private const float InkThreshold = 0.3f;

    /// <summary>The glyph scaled by <paramref name="scale"/> and redrawn with a pen <paramref name="pen"/> pixels wide, with a margin for the pen.</summary>
    public static RedrawnGlyph Redraw(InkImage glyph, float scale, float pen)
    {
        var (line, width, height) = CentreLine(glyph, scale);
        return Draw(line, width, height, pen);
    }

    /// <summary>
    /// The glyph redrawn in two strokes where the pen lifted once: its centre line cut at a random point, leaving a gap
    /// of a few pixels, when that leaves two sizeable strokes; null when no such cut is found.
    /// </summary>
    public static RedrawnGlyph? RedrawWithPenLift(InkImage glyph, float scale, float pen, Random random)
    {
        var (line, width, height) = CentreLine(glyph, scale);
        var points = Enumerable.Range(0, line.Length).Where(i => line[i]).ToList();
        if (points.Count < 8) return null;
        // The two strokes' round ends stop a few pixels apart: near enough to be one symbol, not touching.
        float radius = pen / 2 + 2.5f;
        for (int attempt = 0; attempt < 12; attempt++)
        {
            int at = points[(int)(points.Count * (0.15f + 0.7f * random.NextSingle()))];
            int cx = at % width, cy = at / width;
            var cut = (bool[])line.Clone();
            foreach (int p in points)
            {
                int dx = p % width - cx, dy = p / width - cy;
                if (dx * dx + dy * dy <= radius * radius) cut[p] = false;
            }
            var pieces = Pieces(cut, width, height);
            if (pieces.Count == 2 && pieces.Min(p => p.Count) >= 0.15 * pieces.Sum(p => p.Count)) return Draw(cut, width, height, pen);
        }
        return null;
    }

    /// <summary>
    /// The ink's centre line at the scaled size, one pixel wide: the ink above a threshold, sampled at the new size (the
    /// darkest of a few samples per pixel when shrinking, so hairlines stay), thinned by Zhang–Suen.
    /// </summary>
    private static (bool[] Line, int Width, int Height) CentreLine(InkImage glyph, float scale)
    {
        int w = Math.Max(1, (int)MathF.Round(glyph.Width * scale)), h = Math.Max(1, (int)MathF.Round(glyph.Height * scale));
        float threshold = InkThreshold * glyph.Ink.Max();
        int samples = scale < 1 ? (int)MathF.Ceiling(1 / scale) : 1;
        var on = new bool[w * h];
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
        {
            float darkest = 0;
            for (int j = 0; j < samples; j++)
            for (int i = 0; i < samples; i++)
                darkest = Math.Max(darkest, glyph.SampleBilinear((x + (i + 0.5f) / samples) / scale - 0.5f, (y + (j + 0.5f) / samples) / scale - 0.5f));
            on[y * w + x] = darkest > threshold;
        }
        bool At(int x, int y) => x >= 0 && y >= 0 && x < w && y < h && on[y * w + x];
        var remove = new List<int>();
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int pass = 0; pass < 2; pass++)
            {
                remove.Clear();
                for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    if (!on[y * w + x]) continue;
                    // Neighbours clockwise from north: P2..P9.
                    Span<bool> n = [At(x, y - 1), At(x + 1, y - 1), At(x + 1, y), At(x + 1, y + 1), At(x, y + 1), At(x - 1, y + 1), At(x - 1, y), At(x - 1, y - 1)];
                    int count = 0, transitions = 0;
                    for (int i = 0; i < 8; i++)
                    {
                        if (n[i]) count++;
                        if (!n[i] && n[(i + 1) % 8]) transitions++;
                    }
                    if (count < 2 || count > 6 || transitions != 1) continue;
                    bool keep = pass == 0
                        ? (n[0] && n[2] && n[4]) || (n[2] && n[4] && n[6])
                        : (n[0] && n[2] && n[6]) || (n[0] && n[4] && n[6]);
                    if (!keep) remove.Add(y * w + x);
                }
                foreach (int p in remove) on[p] = false;
                changed |= remove.Count > 0;
            }
        }
        return (on, w, h);
    }

    /// <summary>
    /// Each piece of the centre line as one stroke through its pixel centres, and the ink of those strokes. A stroke
    /// starts at an end of its piece and walks it depth first, going back over a branch it has drawn (as a pen retraces)
    /// to reach the next, so every step is to a neighbouring pixel and the ink is the line's and nothing more.
    /// </summary>
    private static RedrawnGlyph Draw(bool[] line, int width, int height, float pen)
    {
        int margin = (int)MathF.Ceiling(pen / 2) + 1;
        var image = new InkImage(width + 2 * margin, height + 2 * margin);
        var brush = new InkPen(image, pen);
        var strokes = new List<float[]>();
        foreach (var piece in Pieces(line, width, height))
        {
            var stroke = Walk(line, width, height, piece).SelectMany(p => new[] { p % width + margin + 0.5f, p / width + margin + 0.5f }).ToArray();
            if (stroke.Length == 2) brush.Dot(stroke[0], stroke[1]);
            for (int i = 2; i < stroke.Length; i += 2) brush.Line(stroke[i - 2], stroke[i - 1], stroke[i], stroke[i + 1]);
            strokes.Add(stroke);
        }
        return new RedrawnGlyph(image, strokes);
    }

    /// <summary>The pixels of one piece in the order a pen would pass them, from the piece's end with fewest neighbours.</summary>
    private static List<int> Walk(bool[] line, int width, int height, List<int> piece)
    {
        var seen = new HashSet<int>();
        var path = new List<int>();
        var retrace = new List<int>();
        var stack = new Stack<int>();
        int start = piece.MinBy(p => Neighbours(line, width, height, p).Count())!;
        seen.Add(start);
        path.Add(start);
        stack.Push(start);
        while (stack.TryPeek(out int at))
        {
            int next = Neighbours(line, width, height, at).FirstOrDefault(n => !seen.Contains(n), -1);
            if (next < 0)
            {
                stack.Pop();
                if (stack.TryPeek(out int back)) retrace.Add(back);
                continue;
            }
            path.AddRange(retrace);
            retrace.Clear();
            seen.Add(next);
            path.Add(next);
            stack.Push(next);
        }
        return path;
    }

    /// <summary>The 8-connected neighbours of pixel <paramref name="p"/> on the line, the four sides first.</summary>
    private static IEnumerable<int> Neighbours(bool[] line, int width, int height, int p)
    {
        int px = p % width, py = p / width;
        foreach (var (dx, dy) in Steps)
        {
            int nx = px + dx, ny = py + dy;
            if (nx >= 0 && ny >= 0 && nx < width && ny < height && line[ny * width + nx]) yield return ny * width + nx;
        }
    }

    private static readonly (int Dx, int Dy)[] Steps = [(1, 0), (0, 1), (-1, 0), (0, -1), (1, 1), (-1, 1), (-1, -1), (1, -1)];

    /// <summary>The 8-connected pieces of the centre line, each as its pixels, in the order their first pixel is met row by row.</summary>
    private static List<List<int>> Pieces(bool[] line, int width, int height)
    {
        var seen = new bool[line.Length];
        var pieces = new List<List<int>>();
        var stack = new Stack<int>();
        for (int start = 0; start < line.Length; start++)
        {
            if (seen[start] || !line[start]) continue;
            var piece = new List<int>();
            seen[start] = true;
            stack.Push(start);
            while (stack.TryPop(out int p))
            {
                piece.Add(p);
                foreach (int q in Neighbours(line, width, height, p))
                {
                    if (seen[q]) continue;
                    seen[q] = true;
                    stack.Push(q);
                }
            }
            pieces.Add(piece);
        }
        return pieces;
    }
}
