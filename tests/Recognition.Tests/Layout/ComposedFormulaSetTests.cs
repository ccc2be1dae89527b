using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Imaging;
using MathCluster.TestSupport;
using Xunit.Abstractions;

namespace MathCluster.Recognition.Tests.Layout;

/// <summary>
/// The composed 2-D set (fractions, powers, decimals and mixes from held-out glyphs, pen-drawn bars and dots):
/// the layout parser must read the exact value from the true symbol boxes and labels.
/// </summary>
public class ComposedFormulaSetTests(ITestOutputHelper output)
{
    private const int Formulas = 1_400;
    private const int Seed = 16;
    private const int EndToEndFormulas = 700;
    private const double MinEndToEndAccuracy = 0.95;

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<InkImage>>> Glyphs = new(() => HeldOutGlyphs.Load(SharedData.Require()));

    [SkippableFact]
    public void LayoutParsing_OnGroundTruthSegmentation_ReadsTheExactValue()
    {
        SharedData.Require();
        var composer = new FormulaComposer(Glyphs.Value, Seed);

        var report = LayoutAccuracy.Measure(Enumerable.Range(0, Formulas).Select(composer.Next), Seed);

        output.WriteLine($"Layout accuracy on the composed 2-D set: {report}");
        foreach (string misread in report.Misreads) output.WriteLine(misread);
        Assert.Equal(Formulas, report.Formulas);
        Assert.All(FormulaComposer.Kinds, kind => Assert.Equal(Formulas / FormulaComposer.Kinds.Count, report.ByKind[kind].Formulas));
        Assert.True(report.Accuracy >= 0.95, report.ToString());
    }

    /// <summary>Not a target of this parser alone: it shows how far the committed classifier's labels carry.</summary>
    [SkippableFact]
    public async Task LayoutWithTheDefaultClassifier_OnGroundTruthSegmentation_ReadsMostFormulas()
    {
        SharedData.Require();
        var composer = new FormulaComposer(Glyphs.Value, Seed + 1);
        using var classifier = new OnnxGlyphClassifier(DefaultModel.ModelBytes(), DefaultModel.Card());

        var report = await LayoutAccuracy.MeasureWithClassifierAsync(Enumerable.Range(0, 350).Select(composer.Next), classifier);

        output.WriteLine($"Layout with the default classifier on the composed 2-D set: {report}");
        foreach (string misread in report.Misreads) output.WriteLine(misread);
        Assert.True(report.Accuracy >= 0.5, report.ToString());
    }

    /// <summary>The target: whole canvases through the whole pipeline, nothing from the ground truth.</summary>
    [SkippableFact]
    public async Task FullPipeline_OnComposedCanvases_ReadsTheExactValue()
    {
        SharedData.Require();
        var composer = new FormulaComposer(Glyphs.Value, Seed + 2);
        using var classifier = new OnnxGlyphClassifier(DefaultModel.ModelBytes(), DefaultModel.Card());

        var report = await LayoutAccuracy.MeasureEndToEndAsync(Enumerable.Range(0, EndToEndFormulas).Select(composer.Next), classifier);

        output.WriteLine($"Whole pipeline on the composed 2-D set: {report}");
        foreach (string misread in report.Misreads) output.WriteLine(misread);
        // The target (the committed model and reader read 95.7 %, see README).
        Assert.True(report.Accuracy >= MinEndToEndAccuracy, report.ToString());
    }

    [SkippableFact]
    public void ComposedCanvas_HasInkInEverySymbolBoxAndNoneOutside()
    {
        SharedData.Require();
        var composer = new FormulaComposer(Glyphs.Value, Seed);

        foreach (var formula in Enumerable.Range(0, 14).Select(composer.Next))
        {
            InkImage ink = formula.DrawInk();
            Assert.Equal((formula.Width, formula.Height), (ink.Width, ink.Height));
            foreach (var box in formula.Boxes)
                Assert.True(ink.Crop(box).InkBounds(0.3f) is not null, $"{formula.Term.Written}: no ink in {box}");
            var all = formula.Boxes.Aggregate((a, b) => a.Union(b));
            Assert.Equal(all, ink.InkBounds(0.01f) is { } bounds ? all.Union(bounds) : default);
        }
    }
}
