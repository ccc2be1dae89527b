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
/// How often the layout parser reads a composed formula's exact value from the true symbol boxes and labels
/// (ground-truth segmentation and classification), so layout errors are measured apart from the classifier's.
/// A decimal point gets a random class label, as the classifier has no class for a dot.
/// </summary>
public static class LayoutAccuracy
{
    public static LayoutAccuracyReport Measure(IEnumerable<ComposedFormula> formulas, int seed)
    {
        var random = new Random(seed);
        var byKind = new Dictionary<string, (int Formulas, int Right)>();
        var misreads = new List<string>();
        int count = 0, right = 0;
        foreach (var formula in formulas)
        {
            var symbols = formula.Symbols.Select(s => new LayoutSymbol(s.Box,
                s.Label == "." ? SymbolClasses.All[random.Next(SymbolClasses.Count)] : s.Label)).ToList();
            LayoutReading reading = LayoutParser.Parse(symbols);
            bool correct = reading.Result.Value == formula.Value;
            count++;
            if (correct) right++;
            else if (misreads.Count < 30) misreads.Add($"{formula.Kind}: {formula.Term.Written} = {formula.Value} read as {reading.Result.Expression} ({reading.Result.Error ?? reading.Result.Value?.ToString()})");
            var (n, r) = byKind.GetValueOrDefault(formula.Kind);
            byKind[formula.Kind] = (n + 1, r + (correct ? 1 : 0));
        }
        return new LayoutAccuracyReport(count, right, byKind, misreads);
    }
}
