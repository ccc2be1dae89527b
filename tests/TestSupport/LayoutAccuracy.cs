using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Expressions;
using MathCluster.Recognition.Layout;

namespace MathCluster.TestSupport;

public sealed record LayoutAccuracyReport(int Formulas, int Right, IReadOnlyDictionary<string, (int Formulas, int Right)> ByKind, IReadOnlyList<string> Misreads)
{
    public double Accuracy => (double)Right / Formulas;

    public override string ToString() =>
        $"{Right}/{Formulas} = {Accuracy:P1} exact value; " +
        string.Join(", ", ByKind.Select(k => $"{k.Key} {k.Value.Right}/{k.Value.Formulas}"));
}

/// <summary>
/// How often a composed formula's exact value is read from its true symbol boxes (ground-truth segmentation), so
/// layout errors are measured apart from segmentation errors.
/// </summary>
public static class LayoutAccuracy
{
    /// <summary>
    /// With the true labels, so only the layout parser is measured. A decimal point gets a random class label, as
    /// the classifier has no class for a dot.
    /// </summary>
    public static LayoutAccuracyReport Measure(IEnumerable<ComposedFormula> formulas, int seed)
    {
        var random = new Random(seed);
        return Tally(formulas.Select(formula => (formula, LayoutParser.Parse(formula.Symbols.Select(s => new LayoutSymbol(s.Box,
            s.Label == "." ? SymbolClasses.All[random.Next(SymbolClasses.Count)] : s.Label)).ToList()))));
    }

    /// <summary>
    /// With labels from <paramref name="classifier"/>: each true box is cut from the drawn canvas, normalised and
    /// classified, and <see cref="LayoutParser.ParseBest"/> searches each symbol's top three labels with the layout.
    /// </summary>
    public static async Task<LayoutAccuracyReport> MeasureWithClassifierAsync(IEnumerable<ComposedFormula> formulas, IGlyphClassifier classifier)
    {
        var readings = new List<(ComposedFormula, LayoutReading)>();
        foreach (var formula in formulas)
        {
            var ink = formula.DrawInk();
            var boxes = formula.Boxes;
            float[] probabilities = await classifier.ClassifyAsync(GlyphNormalizer.NormalizeBatch(boxes.Select(ink.Crop).ToList()), boxes.Count);
            var candidates = boxes.Select((box, i) =>
            {
                var prediction = GlyphPrediction.FromProbabilities(probabilities, i, classifier.Classes);
                return new LayoutCandidate(box, [new LabelScore(prediction.Label, prediction.Confidence), .. prediction.Alternatives]);
            }).ToList();
            readings.Add((formula, LayoutParser.ParseBest(candidates)));
        }
        return Tally(readings);
    }

    /// <summary>
    /// The whole pipeline on each composed canvas, as a PNG: segmentation, 2-D layout, grouping, classification and
    /// reading, nothing taken from the ground truth but the value to compare with.
    /// </summary>
    public static async Task<LayoutAccuracyReport> MeasureEndToEndAsync(IEnumerable<ComposedFormula> formulas, IGlyphClassifier classifier)
    {
        var readings = new List<(ComposedFormula, LayoutReading)>();
        foreach (var formula in formulas)
        {
            var recognition = await CanvasRecognizer.RecognizeAsync(PngFiles.BlackOnWhite(formula.DrawInk()), classifier);
            readings.Add((formula, recognition.Formula));
        }
        return Tally(readings);
    }

    private static LayoutAccuracyReport Tally(IEnumerable<(ComposedFormula Formula, LayoutReading Reading)> readings)
    {
        var byKind = new Dictionary<string, (int Formulas, int Right)>();
        var misreads = new List<string>();
        int count = 0, right = 0;
        foreach (var (formula, reading) in readings)
        {
            bool correct = reading.Evaluation.Value == formula.Value;
            count++;
            if (correct) right++;
            else if (misreads.Count < 60) misreads.Add($"{formula.Kind}: {formula.Term.Written} = {formula.Value} read as {reading.Evaluation.Expression} ({reading.Evaluation.Error ?? reading.Evaluation.Value?.ToString()})");
            var (n, r) = byKind.GetValueOrDefault(formula.Kind);
            byKind[formula.Kind] = (n + 1, r + (correct ? 1 : 0));
        }
        return new LayoutAccuracyReport(count, right, byKind, misreads);
    }
}
