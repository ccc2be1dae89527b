using MathCluster.Grains.Models;
using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using MathCluster.TestSupport;

namespace MathCluster.Grains.Tests;

public sealed class GlyphBatcherTests : IDisposable
{
    private readonly OnnxGlyphClassifier _classifier = new(DefaultModel.ModelBytes(), DefaultModel.Card());

    [Fact]
    public async Task Classify_ConcurrentRequests_MergeIntoOneRunAndEachGetsItsOwnRows()
    {
        const int requests = 40;
        // A long delay and a batch size of exactly the request count: the batch closes when it is full, not on a timer.
        await using var batcher = new GlyphBatcher(_classifier, new BatchingOptions { MaxBatchSize = requests, MaxQueueDelay = TimeSpan.FromMinutes(5), Workers = 1 });
        var glyphs = Glyphs("7+4×1-=").ToArray();

        var calls = Enumerable.Range(0, requests).Select(i => batcher.ClassifyAsync(glyphs[i % glyphs.Length], 1).AsTask()).ToArray();
        var results = await Task.WhenAll(calls);

        Assert.Equal(new BatchingStatistics(requests, 1, requests), batcher.Statistics);
        for (int i = 0; i < requests; i++)
        {
            var alone = _classifier.Predict(glyphs[i % glyphs.Length], 1);
            Assert.Equal(alone.Length, results[i].Length);
            for (int k = 0; k < alone.Length; k++) Assert.Equal(alone[k], results[i][k], 5);
        }
    }

    [Fact]
    public async Task Classify_RequestLargerThanABatch_IsSplitIntoFullRunsAndReassembledInOrder()
    {
        // One worker and a long delay: a split request must not wait for company, or this would hang.
        await using var batcher = new GlyphBatcher(_classifier, new BatchingOptions { MaxBatchSize = 3, MaxQueueDelay = TimeSpan.FromMinutes(5), Workers = 1 });
        var glyphs = Glyphs("7+4×1-=").ToArray();

        var result = await batcher.ClassifyAsync(glyphs.SelectMany(g => g).ToArray(), glyphs.Length);

        Assert.Equal(new BatchingStatistics(1, 3, glyphs.Length), batcher.Statistics);
        var alone = _classifier.Predict(glyphs.SelectMany(g => g).ToArray(), glyphs.Length);
        Assert.Equal(alone.Length, result.Length);
        for (int k = 0; k < alone.Length; k++) Assert.Equal(alone[k], result[k], 5);
    }

    [Fact]
    public async Task Classify_LargeRequestOnTwoWorkers_ComesBackInOrder()
    {
        await using var batcher = new GlyphBatcher(_classifier, new BatchingOptions { MaxBatchSize = 2, MaxQueueDelay = TimeSpan.Zero, Workers = 2 });
        var glyphs = Glyphs("7+4×1-=7+4").ToArray();

        var result = await batcher.ClassifyAsync(glyphs.SelectMany(g => g).ToArray(), glyphs.Length);

        Assert.Equal(new BatchingStatistics(1, 5, glyphs.Length), batcher.Statistics);
        var alone = _classifier.Predict(glyphs.SelectMany(g => g).ToArray(), glyphs.Length);
        for (int k = 0; k < alone.Length; k++) Assert.Equal(alone[k], result[k], 5);
    }

    [Fact]
    public async Task Dispose_WithQueuedWork_FinishesItAndRefusesNewWork()
    {
        var batcher = new GlyphBatcher(_classifier, new BatchingOptions { MaxBatchSize = 1000, MaxQueueDelay = TimeSpan.FromMinutes(5), Workers = 1 });
        var glyph = Glyphs("4").Single();
        var queued = Enumerable.Range(0, 5).Select(_ => batcher.ClassifyAsync(glyph, 1).AsTask()).ToArray();

        await batcher.DisposeAsync();

        Assert.All(await Task.WhenAll(queued), r => Assert.Equal(SymbolClasses.Count, r.Length));
        Assert.Throws<ObjectDisposedException>(() => batcher.ClassifyAsync(glyph, 1));
    }

    private static IEnumerable<float[]> Glyphs(string text)
    {
        var sketch = new CanvasSketch().Write(text);
        return sketch.Boxes.Select(box => GlyphNormalizer.Normalize(sketch.ToInk().Crop(box)));
    }

    public void Dispose() => _classifier.Dispose();
}
