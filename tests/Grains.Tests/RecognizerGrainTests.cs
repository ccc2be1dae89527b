using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using MathCluster.TestSupport;

namespace MathCluster.Grains.Tests;

[Collection(RecognizerClusterCollection.Name)]
public class RecognizerGrainTests(RecognizerClusterFixture fixture)
{
    private IRecognizerGrain Recognizer => fixture.Grains.GetGrain<IRecognizerGrain>(0);

    [Theory]
    [InlineData("7+1", "8")]
    [InlineData("4×7", "28")]
    [InlineData("71-4=", "67")]
    public async Task RecognizeCanvas_DrawnExpression_ReturnsTheExpressionAndItsExactValue(string drawn, string value)
    {
        var png = new CanvasSketch().Write(drawn).ToPng();

        var result = await Recognizer.RecognizeCanvas(new CanvasRequest(png));

        Assert.Equal(CanvasStatus.Recognized, result.Status);
        var recognition = result.Recognition!;
        Assert.Equal(string.Concat(drawn.Select(c => c.ToString())), string.Concat(recognition.Symbols.Select(s => s.Label)));
        Assert.Equal(value, recognition.Value?.Fraction);
        Assert.Equal(DefaultModel.Card().Version, recognition.ModelVersion);
        Assert.Null(recognition.Error);
    }

    [Fact]
    public async Task RecognisesStrokes_AndChecksTheirLimitsItself()
    {
        var strokes = MathCluster.Recognition.Imaging.StrokeJsonReader.Read(new CanvasSketch().Write("7+1").ToStrokeJson());

        var result = await Recognizer.RecognizeStrokes(new StrokeCanvasRequest(strokes.Width, strokes.Height, strokes.PenWidth, strokes.Coordinates, strokes.StrokeEnds));

        Assert.Equal(CanvasStatus.Recognized, result.Status);
        Assert.Equal("8", result.Recognition!.Value?.Fraction);
        Assert.InRange(result.Recognition.Confidence, 0.0001, 1);
        // A caller that skips the web app's checks gets the same answer as one that does not.
        var offCanvas = await Recognizer.RecognizeStrokes(new StrokeCanvasRequest(10, 10, 4, [5, 5, 50, 5], [2]));
        Assert.Equal(CanvasStatus.Unreadable, offCanvas.Status);
        var tooMany = await Recognizer.RecognizeStrokes(new StrokeCanvasRequest(10, 10, 4, new float[2 * 3000], Enumerable.Range(1, 3000).ToArray()));
        Assert.Equal(CanvasStatus.TooLarge, tooMany.Status);
    }

    [Fact]
    public async Task RecognizeCanvas_UnreadableOrOversized_ReturnsAStatusNotAnException()
    {
        var garbage = await Recognizer.RecognizeCanvas(new CanvasRequest("not a png"u8.ToArray()));
        Assert.Equal(CanvasStatus.Unreadable, garbage.Status);
        Assert.False(string.IsNullOrWhiteSpace(garbage.Problem));

        var dots = new CanvasSketch(width: 1400, height: 100, pen: 6, glyphSize: 10, spacing: 8);
        for (int i = 0; i < 70; i++) dots.Glyph('-');
        var crowded = await Recognizer.RecognizeCanvas(new CanvasRequest(dots.ToPng()));
        Assert.Equal(CanvasStatus.TooManySymbols, crowded.Status);
    }

    [Fact]
    public async Task Classify_NormalisedGlyphBatch_ReturnsTheLabels()
    {
        var sketch = new CanvasSketch().Write("47+");
        var ink = sketch.ToInk();
        var pixels = sketch.Boxes.SelectMany(box => GlyphNormalizer.Normalize(ink.Crop(box))).ToArray();

        var result = await Recognizer.ClassifyGlyphs(new GlyphBatch(pixels, 3));

        Assert.Equal(SymbolClasses.All, result.Classes);
        Assert.Equal(3 * SymbolClasses.Count, result.Probabilities.Length);
        Assert.Equal(["4", "7", "+"], result.Glyphs.Select(g => g.Label));
        Assert.All(result.Glyphs, g => Assert.InRange(g.Confidence, 0.5f, 1f));
    }

    [Fact]
    public async Task RecognizeCanvas_ConcurrentCalls_SpreadOverActivationsSharingOneSessionPerSilo()
    {
        var glyphs = new GlyphBatch(new float[32 * GlyphNormalizer.PixelCount], 32);
        var served = new List<ServedBy>();
        // Concurrent calls make Orleans add stateless-worker activations while the others are busy; go on
        // (bounded) until some silo shows 20 of them.
        for (int round = 0; round < 40 && !served.GroupBy(s => s.Silo).Any(g => g.Select(s => s.Activation).Distinct().Count() >= 20); round++)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Recognizer.ClassifyGlyphs(glyphs)));
            served.AddRange(results.Select(r => r.ServedBy));
        }

        var busiest = served.GroupBy(s => s.Silo).OrderByDescending(g => g.Select(s => s.Activation).Distinct().Count()).First();
        Assert.True(busiest.Select(s => s.Activation).Distinct().Count() >= 20, $"activations on {busiest.Key}: {busiest.Select(s => s.Activation).Distinct().Count()}");
        Assert.Single(busiest.Select(s => s.SessionId).Distinct());

        var diagnostics = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Recognizer.GetDiagnostics()));
        Assert.All(diagnostics, d => Assert.Equal(1, d.SessionsLoaded));
    }

    [Fact]
    public async Task Classify_DifferentRecognizerKeys_ReachEverySilo()
    {
        // A client routes each grain's messages through the gateway its id hashes to; stateless workers then run
        // on that silo. Rotating keys (as the web app's RecognizerClient does) spreads work over the cluster.
        var glyphs = new GlyphBatch(new float[GlyphNormalizer.PixelCount], 1);
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(key => fixture.Grains.GetGrain<IRecognizerGrain>(key).ClassifyGlyphs(glyphs)));
        Assert.Equal(2, results.Select(r => r.ServedBy.Silo).Distinct().Count());
    }

    [Fact]
    public async Task GetActiveVersion_AfterStart_IsTheEmbeddedDefault()
    {
        var active = await fixture.Grains.GetGrain<IModelVersionGrain>(ModelVersionGrainKeys.Cluster).GetActiveVersion();
        var card = DefaultModel.Card();
        Assert.Equal(card.Version, active.Version);
        Assert.Equal(card.Classes, active.Classes);
        Assert.Equal(ModelCard.HashOf(DefaultModel.ModelBytes()), active.Sha256);
    }
}
