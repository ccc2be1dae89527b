using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Segmentation;
using MathCluster.TestSupport;

namespace MathCluster.Recognition.Tests;

/// <summary>
/// Grouping with the committed model and reader: symbols drawn in several strokes come back as one symbol, from stroke
/// input and from the same drawing as a PNG; symbols that touch but were drawn as separate strokes stay two.
/// </summary>
public class SymbolGroupingTests
{
    private static readonly Lazy<OnnxGlyphClassifier> Model = new(() => new OnnxGlyphClassifier(DefaultModel.ModelBytes(), DefaultModel.Card()));

    public static TheoryData<string, string> MultiStrokeSymbols => new()
    {
        { "4", "7+4" }, { "5", "7+5" }, { "+", "7+1" }, { "×", "7×1" }, { "=", "7+1=" }, { "÷", "7÷1" },
    };

    private static StrokeLine Line(string text)
    {
        var line = new StrokeLine();
        foreach (char c in text)
        {
            _ = c switch
            {
                '7' => line.Tall(StrokeLine.Seven),
                '1' => line.Tall(StrokeLine.One, 0.4f),
                '4' => line.Tall(StrokeLine.TwoStrokeFour),
                '5' => line.Tall(StrokeLine.TwoStrokeFive),
                '+' => line.Small(StrokeLine.Plus),
                '×' => line.Small(StrokeLine.Times),
                '=' => line.Small(StrokeLine.EqualsSign),
                '÷' => line.Small(StrokeLine.Divide),
                _ => throw new ArgumentException(c.ToString()),
            };
        }
        return line;
    }

    [Theory]
    [MemberData(nameof(MultiStrokeSymbols))]
    public async Task AMultiStrokeSymbol_IsOneSymbol_FromStrokes(string symbol, string text)
    {
        var line = Line(text);
        var strokes = line.ToStrokes();

        var result = await CanvasRecognizer.RecognizeAsync(strokes, Model.Value);

        Assert.Equal(text, string.Concat(result.Symbols.Select(s => s.Label)));
        var read = result.Symbols[text.IndexOf(symbol, StringComparison.Ordinal)];
        Assert.Equal(symbol, read.Label);
        Assert.InRange(result.Confidence, 0, 1);
    }

    [Theory]
    [MemberData(nameof(MultiStrokeSymbols))]
    public async Task AMultiStrokeSymbol_IsOneSymbol_FromThePng(string symbol, string text)
    {
        var line = Line(text);
        // Where its strokes do not cross, the symbol is several ink components in the PNG.
        int atoms = CanvasSegmenter.Atoms(CanvasDecoder.Decode(line.ToPng())).Atoms.Count;
        if (symbol is not ("+" or "×")) Assert.True(atoms > text.Length, $"{atoms} components for {text.Length} symbols.");

        var result = await CanvasRecognizer.RecognizeAsync(line.ToPng(), Model.Value);

        Assert.Equal(text, string.Concat(result.Symbols.Select(s => s.Label)));
        Assert.Equal(symbol, result.Symbols[text.IndexOf(symbol, StringComparison.Ordinal)].Label);
    }

    [Fact]
    public async Task TouchingDigitsDrawnAsSeparateStrokes_AreReadAsTwo()
    {
        // "17+1" with the seven's bar starting on the one's stem: one ink component in a PNG, two strokes here.
        var line = new StrokeLine().Tall(StrokeLine.One, 0.4f, gap: -0.15f).Tall(StrokeLine.Seven).Small(StrokeLine.Plus).Tall(StrokeLine.One, 0.4f);
        Assert.Equal(3, CanvasSegmenter.Atoms(CanvasDecoder.Decode(line.ToPng())).Atoms.Count);

        var result = await CanvasRecognizer.RecognizeAsync(line.ToStrokes(), Model.Value);

        Assert.Equal(["1", "7", "+", "1"], result.Symbols.Select(s => s.Label));
        Assert.Equal("18", result.Expression.Value?.ToFractionString());
    }
}
