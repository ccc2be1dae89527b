using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Imaging;
using MathCluster.TestSupport;
using MathCluster.Trainer.Data;

namespace MathCluster.Benchmarks;

/// <summary>
/// A composed canvas, and where each glyph was put (its label and its ink's box on the canvas). <see cref="Strokes"/> is
/// the same canvas as the page sends it, pen strokes in writing order, and <see cref="StrokeGlyphs"/> the glyph each
/// stroke belongs to; <see cref="Ink"/> is those strokes drawn.
/// </summary>
public sealed record ComposedCanvas(InkImage Ink, StrokeCanvas Strokes, IReadOnlyList<int> StrokeGlyphs, IReadOnlyList<string> Labels, IReadOnlyList<PixelBox> Boxes);

/// <summary>
/// Flat expressions composed from glyphs none of the training saw (MNIST test, the symbol sources' held-out splits), at
/// handwriting proportions: digits and brackets tall, operators smaller, sizes varying a little glyph to glyph, digits
/// of one number closer together than an operator and its operands (now and then overlapping), every glyph redrawn with
/// the canvas's one pen (<see cref="PenRedraw"/>), and some digits drawn in two strokes where a writer lifts the pen (a 4
/// whose bar does not meet its stem, a 5 whose top floats off).
/// </summary>
public sealed class ComposedCanvases
{
    private const string Operators = "+-×÷/";
    private const float TwoStrokeShare = 0.25f;
    private const float TouchingShare = 0.05f;

    private readonly Dictionary<string, List<InkImage>> _pools;

    private ComposedCanvases(Dictionary<string, List<InkImage>> pools) => _pools = pools;

    public static ComposedCanvases Load(string dataDirectory) => new(LoadHeldOutPools(dataDirectory));

    /// <summary>Held-out BHMSDS digits, each with its label.</summary>
    public static IEnumerable<(string Label, InkImage Glyph)> BhmsdsHeldOutDigits(string dataDirectory)
    {
        var raw = HandwritingSources.ReadRaw(dataDirectory, HandwritingSources.Bhmsds, "bhmsds-images-idx3-ubyte.gz", "bhmsds-labels-idx1-ubyte.gz", darkInk: true);
        var heldOut = HandwritingSources.HeldOutMask(raw.Labels);
        for (int i = 0; i < raw.Labels.Count; i++)
            if (heldOut[i] && raw.Labels[i] <= 9) yield return (SymbolClasses.All[raw.Labels[i]], raw.Images[i]);
    }

    /// <summary>One glyph alone on a canvas, at a handwriting size with a margin around it.</summary>
    public static InkImage Alone(InkImage glyph, Random random)
    {
        var ink = InkScaling.CropToInk(glyph, 0.2f);
        var scaled = InkScaling.Scale(ink, random.Next(50, 110) / (float)ink.Height);
        int margin = random.Next(10, 40);
        var canvas = new InkImage(scaled.Width + 2 * margin, scaled.Height + 2 * margin);
        canvas.DrawMax(scaled, margin, margin);
        return canvas;
    }

    public ComposedCanvas Next(Random random) => Compose(RandomExpression(random), random);

    /// <summary>Held-out ink images per class label.</summary>
    private static Dictionary<string, List<InkImage>> LoadHeldOutPools(string directory)
    {
        var pools = HandwritingSources.InkPools(directory, heldOut: true);
        return SymbolClasses.All.Select((label, i) => (label, i)).ToDictionary(c => c.label, c => pools[c.i]);
    }

    /// <summary>Numbers of one or two digits joined by operators, sometimes a bracketed pair, sometimes a trailing =.</summary>
    private static List<string> RandomExpression(Random random)
    {
        var labels = new List<string>();
        void Number() { int digits = random.Next(1, 3); for (int d = 0; d < digits; d++) labels.Add(random.Next(10).ToString()); }
        string Operator() => Operators[random.Next(Operators.Length)].ToString();
        int terms = random.Next(2, 4);
        for (int t = 0; t < terms; t++)
        {
            if (t > 0) labels.Add(Operator());
            if (random.NextDouble() < 0.2)
            {
                labels.Add("(");
                Number();
                labels.Add(Operator());
                Number();
                labels.Add(")");
            }
            else Number();
        }
        if (random.NextDouble() < 0.3) labels.Add("=");
        return labels;
    }

    private ComposedCanvas Compose(List<string> labels, Random random)
    {
        int digitHeight = random.Next(50, 110);
        // Writers differ: operator size, bracket and slash length and the line's steadiness vary canvas to canvas
        // as well as glyph to glyph, so the estimated layout spreads are not those of one tidy hand.
        float operatorSize = 0.4f + 0.4f * random.NextSingle();
        float bracketLength = 1.05f + 0.25f * random.NextSingle();
        float slashLength = 0.9f + 0.35f * random.NextSingle();
        // One pen draws the whole canvas, as on the page (its pen is 4–24 px for digits some 60–150 px tall).
        float pen = Math.Max(2f, digitHeight * (0.05f + 0.09f * random.NextSingle()));
        var glyphs = labels.Select(label =>
        {
            var pool = _pools[label];
            var ink = InkScaling.CropToInk(pool[random.Next(pool.Count)], 0.2f);
            bool tall = char.IsDigit(label[0]) || label is "(" or ")" or "/";
            float size = digitHeight * (0.9f + 0.2f * random.NextSingle());
            float scale = tall
                ? size * (label is "(" or ")" ? bracketLength : label == "/" ? slashLength : 1f) / ink.Height
                : size * operatorSize * (0.85f + 0.3f * random.NextSingle()) / Math.Max(ink.Width, ink.Height);
            var drawing = char.IsDigit(label[0]) && random.NextSingle() < TwoStrokeShare
                ? PenRedraw.RedrawWithPenLift(ink, scale, pen, random) ?? PenRedraw.Redraw(ink, scale, pen)
                : PenRedraw.Redraw(ink, scale, pen);
            // Cropped to its ink, so the gaps below are between ink, as a writer spaces (and crowds) symbols.
            var crop = drawing.Ink.InkBounds(0.2f) ?? throw new InvalidOperationException($"A redrawn {label} has no ink.");
            return (Ink: drawing.Ink.Crop(crop), drawing.Strokes, Crop: crop);
        }).ToList();
        var gaps = new int[glyphs.Count + 1];
        gaps[0] = gaps[^1] = 20;
        for (int i = 1; i < glyphs.Count; i++)
        {
            bool sameNumber = char.IsDigit(labels[i - 1][0]) && char.IsDigit(labels[i][0]);
            // Now and then two digits of a number crowd into each other, as in real writing.
            float gap = !sameNumber ? 0.2f + 0.25f * random.NextSingle()
                : random.NextSingle() < TouchingShare ? -0.15f * random.NextSingle() : 0.06f + 0.16f * random.NextSingle();
            gaps[i] = (int)(digitHeight * gap);
        }
        int width = glyphs.Sum(g => g.Ink.Width) + gaps.Sum();
        int height = (int)(digitHeight * 1.6f) + 20;
        var canvas = new InkImage(width, height);
        var boxes = new List<PixelBox>();
        var coordinates = new List<float>();
        var strokeEnds = new List<int>();
        var strokeGlyphs = new List<int>();
        int x = gaps[0];
        for (int i = 0; i < glyphs.Count; i++)
        {
            var glyph = glyphs[i];
            int wobble = (int)(0.06f * digitHeight);
            int y = (height - glyph.Ink.Height) / 2 + random.Next(-wobble, wobble + 1);
            canvas.DrawMax(glyph.Ink, x, y);
            boxes.Add(new PixelBox(x, y, glyph.Ink.Width, glyph.Ink.Height));
            foreach (var stroke in glyph.Strokes)
            {
                // Points are centre-line pixels, inside the glyph's ink crop, so on the canvas (StrokeCanvas.Create checks).
                for (int p = 0; p < stroke.Length; p += 2)
                    coordinates.AddRange([stroke[p] - glyph.Crop.X + x, stroke[p + 1] - glyph.Crop.Y + y]);
                strokeEnds.Add(coordinates.Count / 2);
                strokeGlyphs.Add(i);
            }
            x += glyph.Ink.Width + gaps[i + 1];
        }
        var strokes = StrokeCanvas.Create(width, height, pen, [.. coordinates], [.. strokeEnds]);
        return new ComposedCanvas(canvas, strokes, strokeGlyphs, labels, boxes);
    }
}
