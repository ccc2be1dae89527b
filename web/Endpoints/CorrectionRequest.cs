using System.Text.Json;
using MathCluster.Grains;
using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Segmentation;

namespace MathCluster.Web.Endpoints;

/// <summary>
/// One entry of the <c>corrections</c> part: a symbol's box as /api/recognize returned it, and the right label.
/// <paramref name="AlreadyStored"/> marks a correction an earlier request stored: the page sends every correction of a
/// drawing each time, so the re-read keeps them all, and only the new one is stored.
/// </summary>
public sealed record CorrectionEntry(SymbolBox? Box, string? Label, bool AlreadyStored = false);

/// <summary>Parses the <c>corrections</c> part and matches each box to a segmented symbol.</summary>
public static class CorrectionRequest
{
    /// <summary>The label that drops a box: it is not a symbol.</summary>
    public const string NotASymbol = "none";
    public const int MaxJsonBytes = 64 * 1024;
    /// <summary>A box matches the symbol it overlaps most, and only when they overlap at least this much (intersection over union).</summary>
    public const double MinOverlap = 0.3;

    /// <summary>The entries, or the reason they cannot be used (a 400).</summary>
    public static IReadOnlyList<CorrectionEntry>? Parse(byte[] json, out string? problem)
    {
        problem = null;
        List<CorrectionEntry>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<List<CorrectionEntry>>(json, JsonSerializerOptions.Web);
        }
        catch (JsonException e)
        {
            problem = $"The corrections part is not a JSON array of {{\"box\": {{x, y, width, height}}, \"label\": …}}: {e.Message}";
            return null;
        }
        if (entries is null || entries.Count == 0) problem = "The corrections part holds no corrections.";
        else if (entries.Count > CanvasSegmenter.MaxSymbols) problem = $"At most {CanvasSegmenter.MaxSymbols} corrections per request.";
        else
            for (int i = 0; i < entries.Count && problem is null; i++)
            {
                var entry = entries[i];
                if (entry.Box is not { Width: > 0, Height: > 0 })
                    problem = $"Correction {i} has no box with a positive width and height.";
                else if (entry.Label != NotASymbol && (entry.Label is null || SymbolClasses.IndexOf(entry.Label) < 0))
                    problem = $"Correction {i} has label '{entry.Label}'; use one of {string.Join(" ", SymbolClasses.All)} or '{NotASymbol}'.";
            }
        return problem is null ? entries : null;
    }

    /// <summary>
    /// For each entry, the index of the symbol its box overlaps most, or the reason one matches nothing or two name the
    /// same symbol (a 422).
    /// </summary>
    public static int[]? Match(IReadOnlyList<CorrectionEntry> entries, IReadOnlyList<SegmentedSymbol> symbols, out string? problem)
    {
        problem = null;
        var matched = new int[entries.Count];
        for (int i = 0; i < entries.Count; i++)
        {
            var box = entries[i].Box!;
            var wanted = new PixelBox(box.X, box.Y, box.Width, box.Height);
            int best = -1;
            double bestOverlap = 0;
            for (int s = 0; s < symbols.Count; s++)
            {
                double overlap = IntersectionOverUnion(wanted, symbols[s].Box);
                if (overlap > bestOverlap) (best, bestOverlap) = (s, overlap);
            }
            if (best < 0 || bestOverlap < MinOverlap)
            {
                problem = $"Correction {i}'s box {box.X},{box.Y} {box.Width}x{box.Height} matches no symbol on the canvas (best overlap {bestOverlap:P0}, " +
                          $"at least {MinOverlap:P0} needed); send the boxes /api/recognize returned for this canvas.";
                return null;
            }
            int earlier = Array.IndexOf(matched, best, 0, i);
            if (earlier >= 0)
            {
                problem = $"Corrections {earlier} and {i} both match the symbol at {symbols[best].Box.X},{symbols[best].Box.Y}.";
                return null;
            }
            matched[i] = best;
        }
        return matched;
    }

    public static double IntersectionOverUnion(PixelBox a, PixelBox b)
    {
        long width = Math.Min(a.Right, b.Right) - Math.Max(a.X, b.X);
        long height = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Y, b.Y);
        if (width <= 0 || height <= 0) return 0;
        long intersection = width * height;
        return (double)intersection / ((long)a.Width * a.Height + (long)b.Width * b.Height - intersection);
    }
}
