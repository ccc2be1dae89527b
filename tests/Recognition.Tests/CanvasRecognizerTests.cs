using MathCluster.TestSupport;
using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Expressions;
using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Segmentation;

namespace MathCluster.Recognition.Tests;

public class CanvasRecognizerTests
{
    /// <summary>
    /// A classifier that answers a fixed script of labels for the glyphs of the canvas's first grouping, in reading order
    /// (recognised by their normalised pixels), and an even spread over every class for any other candidate (a split or
    /// merge of them); it records what it was asked.
    /// </summary>
    private sealed class ScriptedClassifier(string version, params string[] script) : IGlyphClassifier
    {
        public string Version { get; } = version;
        public IReadOnlyList<string> Classes => SymbolClasses.All;
        public List<(float[] Glyphs, int Count, CancellationToken Token)> Calls { get; } = [];
        public List<float[]> Known { get; } = [];

        public ValueTask<float[]> ClassifyAsync(float[] glyphs, int count, CancellationToken cancellationToken = default)
        {
            Calls.Add(((float[])glyphs.Clone(), count, cancellationToken));
            var probabilities = new float[count * Classes.Count];
            for (int i = 0; i < count; i++)
            {
                var glyph = glyphs.AsSpan(i * GlyphNormalizer.PixelCount, GlyphNormalizer.PixelCount).ToArray();
                int known = Known.FindIndex(k => glyph.AsSpan().SequenceEqual(k));
                var row = probabilities.AsSpan(i * Classes.Count, Classes.Count);
                if (known < 0)
                {
                    row.Fill(1f / Classes.Count);
                    continue;
                }
                // 0.92 for the scripted label (sure: not read again bolder and finer), then 0.05 and 0.03 for the two
                // classes after it, so the runners-up are known.
                int top = SymbolClasses.IndexOf(script[known]);
                row[top] = 0.92f;
                row[(top + 1) % Classes.Count] = 0.05f;
                row[(top + 2) % Classes.Count] = 0.03f;
            }
            return ValueTask.FromResult(probabilities);
        }

        /// <summary>Learns the first grouping's glyphs of <paramref name="png"/>, in reading order, as the script's symbols.</summary>
        public ScriptedClassifier For(byte[] png)
        {
            Known.AddRange(CanvasSegmenter.Segment(CanvasDecoder.Decode(png)).Select(s => GlyphNormalizer.Normalize(s.Glyph)));
            return this;
        }
    }

    private static byte[] SyntheticCanvas(out int symbolCount, params SyntheticGlyph[] glyphs)
    {
        var (canvas, placed) = Canvases.Row(glyphs.Select(g => (g.Name, g.Draw(70, 6))).ToList(), gap: 20);
        symbolCount = placed.Count;
        return PngFiles.BlackOnWhite(canvas);
    }

    [Fact]
    public async Task Pipeline_ClassifiesEachSegmentedSymbol_InReadingOrder_AndEvaluatesTheLabels()
    {
        var png = SyntheticCanvas(out int count, SyntheticGlyph.Seven, SyntheticGlyph.Minus, SyntheticGlyph.One, SyntheticGlyph.Divide, SyntheticGlyph.TwoStrokeFive);
        var classifier = new ScriptedClassifier("v-test-1", "7", "-", "1", "÷", "5").For(png);

        var result = await CanvasRecognizer.RecognizeAsync(png, classifier);

        // One batched call with every candidate: each symbol exactly as the normaliser draws its own ink, and the
        // stacked ÷ and 5 also split into their parts (3 + 2 more) and close neighbours merged, scored and rejected by the reader.
        // Then one more with the candidates the script does not know (so the model is unsure), bolder and finer.
        var segmented = CanvasSegmenter.Segment(CanvasDecoder.Decode(png));
        Assert.Equal(count, segmented.Count);
        Assert.Equal(2, classifier.Calls.Count);
        var call = classifier.Calls[0];
        Assert.Equal(2 * (call.Count - count), classifier.Calls[1].Count);
        Assert.True(call.Count >= count + 5, $"{call.Count} candidates classified.");
        Assert.Equal(call.Count * GlyphNormalizer.PixelCount, call.Glyphs.Length);
        var batch = Enumerable.Range(0, call.Count).Select(i => call.Glyphs.AsSpan(i * GlyphNormalizer.PixelCount, GlyphNormalizer.PixelCount).ToArray()).ToList();
        foreach (var symbol in segmented)
            Assert.Contains(batch, glyph => glyph.SequenceEqual(GlyphNormalizer.Normalize(symbol.Glyph)));

        Assert.Equal("v-test-1", result.ModelVersion);
        Assert.Equal(["7", "-", "1", "÷", "5"], result.Symbols.Select(s => s.Label));
        Assert.Equal(segmented.Select(s => s.Box), result.Symbols.Select(s => s.Box));
        Assert.All(result.Symbols, s => Assert.Equal(0.92f, s.Confidence));
        // The script gives the two classes after the top one 0.05 and 0.03: after "-" (code 10) come "+" and "×".
        Assert.Equal([new LabelScore("+", 0.05f), new LabelScore("×", 0.03f)], result.Symbols[1].Alternatives);
        Assert.Equal("7-1/5", result.Expression.Expression);
        Assert.Equal(ExpressionErrorKind.None, result.Expression.ErrorKind);
        Assert.Equal("34/5", result.Expression.Value!.Value.ToFractionString());   // 7 - 1/5
    }

    [Fact]
    public async Task BlankCanvas_HasNoSymbols_AnEmptyExpression_AndStillNamesTheModel()
    {
        var png = PngFiles.BlackOnWhite(new InkImage(400, 300));
        var classifier = new ScriptedClassifier("v-blank");

        var result = await CanvasRecognizer.RecognizeAsync(png, classifier);

        Assert.Empty(result.Symbols);
        Assert.Empty(classifier.Calls);
        Assert.Equal(ExpressionErrorKind.Empty, result.Expression.ErrorKind);
        Assert.Equal("v-blank", result.ModelVersion);
    }

    [Fact]
    public async Task MisreadSymbols_GiveASyntaxErrorResult_NotAnException()
    {
        var png = SyntheticCanvas(out _, SyntheticGlyph.Seven, SyntheticGlyph.Minus);
        var classifier = new ScriptedClassifier("v-test", "7", "+").For(png);

        var result = await CanvasRecognizer.RecognizeAsync(png, classifier);

        Assert.Equal(2, result.Symbols.Count);
        Assert.Equal(ExpressionErrorKind.Syntax, result.Expression.ErrorKind);
        Assert.Equal("7+", result.Expression.Expression);
        Assert.Null(result.Expression.Value);
    }

    [Fact]
    public async Task CancellationToken_IsPassedToTheClassifier()
    {
        var png = SyntheticCanvas(out _, SyntheticGlyph.One);
        var classifier = new ScriptedClassifier("v", "1").For(png);
        using var cancellation = new CancellationTokenSource();

        await CanvasRecognizer.RecognizeAsync(png, classifier, cancellation.Token);

        Assert.NotEmpty(classifier.Calls);
        Assert.All(classifier.Calls, call => Assert.Equal(cancellation.Token, call.Token));
    }

    [Fact]
    public async Task UnreadableUpload_IsACanvasImageException_AndNothingIsClassified()
    {
        var classifier = new ScriptedClassifier("v");

        var error = await Assert.ThrowsAsync<CanvasImageException>(() => CanvasRecognizer.RecognizeAsync("not a png"u8.ToArray(), classifier));

        Assert.Equal(CanvasImageProblem.Unreadable, error.Problem);
        Assert.Empty(classifier.Calls);
    }

    [Fact]
    public async Task CanvasWithTooManySymbols_IsATooManySymbolsException_AndNothingIsClassified()
    {
        var canvas = new InkImage(700, 40);
        var pen = new InkPen(canvas, 3);
        for (int i = 0; i < 70; i++) pen.Line(6 + i * 9, 10, 6 + i * 9, 30);
        var classifier = new ScriptedClassifier("v");

        await Assert.ThrowsAsync<TooManySymbolsException>(() => CanvasRecognizer.RecognizeAsync(PngFiles.BlackOnWhite(canvas), classifier));
        Assert.Empty(classifier.Calls);
    }

    // ---- The embedded default model on canvases composed from real handwriting ----

    private static readonly Lazy<OnnxGlyphClassifier> Model = new(() => new OnnxGlyphClassifier(DefaultModel.ModelBytes(), DefaultModel.Card()));

    /// <summary>
    /// Builds a canvas from a spec like "m1 m2 s+ m7": each token is a source (m = MNIST, b = BHMSDS, s = math-symbols)
    /// and a symbol; a repeated token takes the next clean sample of that symbol.
    /// </summary>
    private static (byte[] Png, IReadOnlyList<PlacedGlyph> Placed) Compose(string spec, int height = 80, int gap = 16)
    {
        var used = new Dictionary<string, int>();
        var glyphs = new List<(string, InkImage)>();
        foreach (string token in spec.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var set = token[0] switch { 'm' => DataSet.Mnist(), 'b' => DataSet.Bhmsds(), 's' => DataSet.Symbols(), _ => throw new ArgumentException(token) };
            string symbol = token[1..];
            int label = SymbolClasses.IndexOf(symbol);
            Assert.True(label >= 0, $"Unknown symbol in '{token}'.");
            int nth = used[token] = used.GetValueOrDefault(token, -1) + 1;
            glyphs.Add((symbol, Canvases.Glyph(set, label, height, nth)));
        }
        var (canvas, placed) = Canvases.Row(glyphs, gap);
        return (PngFiles.BlackOnWhite(canvas), placed);
    }

    [SkippableFact]
    public async Task DefaultModel_OnRealHandwriting_ReturnsOneWellFormedAnswerPerSymbol()
    {
        var (png, placed) = Compose("s( m1 m2 s+ b3 s) s× m4 s÷ b5 s- m6 b/ m7 s= m8 b× m9 m0");
        var card = DefaultModel.Card();

        var result = await CanvasRecognizer.RecognizeAsync(png, Model.Value);

        Assert.Equal(card.Version, result.ModelVersion);
        Assert.False(string.IsNullOrWhiteSpace(result.ModelVersion));
        Assert.Equal(placed.Count, result.Symbols.Count);
        for (int i = 0; i < placed.Count; i++)
        {
            var (symbol, expected) = (result.Symbols[i], placed[i].InkBox);
            // The PNG round trip rounds ink to 1/255, which can move a box edge by a pixel at most.
            Assert.True(Math.Abs(symbol.Box.X - expected.X) <= 1 && Math.Abs(symbol.Box.Y - expected.Y) <= 1
                        && Math.Abs(symbol.Box.Right - expected.Right) <= 1 && Math.Abs(symbol.Box.Bottom - expected.Bottom) <= 1,
                $"Symbol {i} ('{placed[i].Label}'): box {symbol.Box}, placed at {expected}.");
            Assert.Contains(symbol.Label, SymbolClasses.All);
            Assert.InRange(symbol.Confidence, 1e-4f, 1f);  // the reader may pick a runner-up in context
            Assert.InRange(symbol.Alternatives.Count, 0, 3);
            Assert.DoesNotContain(symbol.Label, symbol.Alternatives.Select(a => a.Label));
            // The reader may choose a runner-up in context; the rest stay in order of probability.
            Assert.Equal(symbol.Alternatives.OrderByDescending(a => a.Confidence), symbol.Alternatives);
            Assert.True(symbol.Confidence + symbol.Alternatives.Sum(a => a.Confidence) <= 1.0001f);
        }
        Assert.Equal(ExpressionEvaluator.Evaluate(result.Symbols.Select(s => s.Label).ToList()), result.Expression);
    }

    /// <summary>
    /// Easy canvases: clear digits and operators, 80 px tall, well spaced. The committed model is being retrained
    /// and may be weak, so these are reported rather than tuned to pass: a failure here names what the model misread.
    /// </summary>
    [SkippableTheory]
    [InlineData("m1 m2 s+ m7", "12+7", "19")]
    [InlineData("b3 s× m4", "3*4", "12")]
    [InlineData("m8 s÷ b2", "8/2", "4")]
    [InlineData("s( m5 s- b3 s) b× m6", "(5-3)*6", "12")]
    [InlineData("m9 s- m0 s=", "9-0", "9")]
    [InlineData("b7 b/ m7", "7/7", "1")]
    [InlineData("m4 m2 b- m1 b6", "42-16", "26")]
    [InlineData("b2 b+ b2 s=", "2+2", "4")]
    public async Task DefaultModel_ReadsEasyCanvases(string spec, string expression, string value)
    {
        var (png, placed) = Compose(spec);

        var result = await CanvasRecognizer.RecognizeAsync(png, Model.Value);

        string read = string.Join(" ", result.Symbols.Select(s => $"{s.Label}({s.Confidence:F2}) at {s.Box}"));
        Assert.True(placed.Count == result.Symbols.Count, $"Expected {placed.Count} symbols, read {read}.");
        Assert.True(expression == result.Expression.Expression, $"Expected '{expression}', read '{result.Expression.Expression}': {read}.");
        Assert.Equal(value, result.Expression.Value?.ToFractionString());
    }
}
