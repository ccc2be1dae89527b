using MathCluster.Recognition.Imaging;

namespace MathCluster.Recognition.Segmentation;

/// <summary>
/// Ways to part one ink component that may be two symbols written touching: at each of its thinnest columns (the
/// least ink first), since where two symbols meet is seldom exactly the single thinnest one (a 1 crowding a 9 meets it
/// a fifth of the way in, where the 9's loop is thicker than its stem). The reader scores each cut against the whole.
/// </summary>
public static class TouchingSymbolCutter
{
    // A component this wide and tall (in line heights) may be two symbols that touch.
    private const float MinWidth = 0.8f, MinHeight = 0.5f;
    // Cuts stay in the middle 70 % of the component, at most MaxCuts of them, MinSpacing line heights apart.
    private const float From = 0.15f, To = 0.85f, MinSpacing = 0.15f;
    private const int MaxCuts = 3;

    /// <summary>Whether one ink component is wide and tall enough to be two symbols written touching.</summary>
    public static bool MayBeTwoSymbols(PixelBox box, LineMetrics line) =>
        box.Width >= MinWidth * line.SymbolHeight && box.Height >= MinHeight * line.SymbolHeight;

    /// <summary>The cuts of a one-atom <paramref name="group"/>, each as its left and right part boxed round their own ink; none when it cannot be two symbols.</summary>
    public static List<(SymbolGroup Left, SymbolGroup Right)> Cuts(CanvasInk ink, SymbolGroup group, LineMetrics line)
    {
        var cuts = new List<(SymbolGroup, SymbolGroup)>();
        var box = group.Box;
        if (!MayBeTwoSymbols(box, line)) return cuts;
        var image = ink.Draw(group.Atoms, box);
        var columns = new float[box.Width];
        for (int y = 0; y < box.Height; y++)
        for (int x = 0; x < box.Width; x++)
            columns[x] += image.Ink[y * box.Width + x];
        int from = Math.Max(1, (int)(box.Width * From)), to = Math.Min(box.Width - 1, (int)(box.Width * To));
        float spacing = MinSpacing * line.SymbolHeight;
        var starts = new List<int>();
        foreach (int x in Enumerable.Range(from, Math.Max(0, to - from))
                     .Where(x => columns[x] <= columns[x - 1] && columns[x] <= columns[x + 1])
                     .OrderBy(x => columns[x]))
        {
            if (starts.Any(s => Math.Abs(s - x) < spacing)) continue;
            starts.Add(x);
            if (starts.Count == MaxCuts) break;
        }
        foreach (int x in starts)
            if (Part(image, group, 0, x) is { } left && Part(image, group, x, box.Width) is { } right) cuts.Add((left, right));
        return cuts;
    }

    /// <summary>Columns [<paramref name="from"/>, <paramref name="to"/>) of the component as a candidate boxed tight round their ink, or null when they hold none.</summary>
    private static SymbolGroup? Part(InkImage image, SymbolGroup whole, int from, int to)
    {
        if (image.Crop(new PixelBox(from, 0, to - from, image.Height)).InkBounds(0) is not { } ink) return null;
        var box = whole.Box;
        return new SymbolGroup(whole.Atoms, new PixelBox(box.X + from + ink.X, box.Y + ink.Y, ink.Width, ink.Height));
    }
}
