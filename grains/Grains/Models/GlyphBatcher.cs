using System.Diagnostics;
using System.Threading.Channels;
using MathCluster.Recognition;
using MathCluster.Recognition.Classification;

namespace MathCluster.Grains.Models;

/// <summary>
/// Coalesces glyphs from concurrent requests into one ONNX run (up to MaxBatchSize glyphs, waiting at most
/// MaxQueueDelay for company), so single-canvas traffic also runs at batch speed.
/// </summary>
public sealed class GlyphBatcher : IGlyphClassifier, IAsyncDisposable
{
    private readonly OnnxGlyphClassifier _classifier;
    private readonly BatchingOptions _options;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Task[] _workers;
    private readonly string _silo;
    private long _requests, _batches, _glyphs;

    public GlyphBatcher(OnnxGlyphClassifier classifier, BatchingOptions options, string silo = "")
    {
        _silo = silo;
        _classifier = classifier;
        _options = options;
        _workers = Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => Task.Run(RunAsync)).ToArray();
    }

    public string Version => _classifier.Version;
    public IReadOnlyList<string> Classes => _classifier.Classes;

    /// <summary>Requests served, ONNX runs made and glyphs classified so far; requests above runs means batches were merged.</summary>
    public BatchingStatistics Statistics => new(Interlocked.Read(ref _requests), Interlocked.Read(ref _batches), Interlocked.Read(ref _glyphs));

    public ValueTask<float[]> ClassifyAsync(float[] glyphs, int count, CancellationToken cancellationToken = default)
    {
        if (count == 0) return ValueTask.FromResult(Array.Empty<float>());
        var pending = new Pending(glyphs, count, DateTime.UtcNow, Activity.Current?.Context ?? default, cancellationToken);
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(GlyphBatcher), "The model session is shutting down.");
        return new ValueTask<float[]>(pending.Done.Task);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>();
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            int glyphs = 0;
            if (!reader.TryRead(out var first)) continue;
            batch.Add(first);
            glyphs += first.Count;
            var deadline = first.Queued + _options.MaxQueueDelay;
            while (glyphs < _options.MaxBatchSize)
            {
                if (reader.TryPeek(out var next))
                {
                    if (glyphs + next.Count > _options.MaxBatchSize || !reader.TryRead(out next)) break;
                    batch.Add(next);
                    glyphs += next.Count;
                    continue;
                }
                var wait = deadline - DateTime.UtcNow;
                if (wait <= TimeSpan.Zero) break;
                using var timeout = new CancellationTokenSource(wait);
                try
                {
                    if (!await reader.WaitToReadAsync(timeout.Token)) break;
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            Run(batch);
        }
    }

    private void Run(List<Pending> batch)
    {
        var live = new List<Pending>(batch.Count);
        foreach (var p in batch)
        {
            if (p.CancellationToken.IsCancellationRequested) p.Done.TrySetCanceled(p.CancellationToken);
            else live.Add(p);
        }
        if (live.Count == 0) return;
        int total = live.Sum(p => p.Count);
        // One ONNX run serves several requests: it is a child of the oldest and linked to the others' traces.
        using var infer = RecognitionTelemetry.Source.StartActivity("infer", ActivityKind.Internal, live[0].Caller,
            links: live.Skip(1).Where(p => p.Caller != default).Select(p => new ActivityLink(p.Caller)));
        infer?.SetTag(RecognitionTelemetry.ModelVersionTag, Version).SetTag(RecognitionTelemetry.BatchSizeTag, total)
            .SetTag("requests", live.Count).SetTag(RecognitionTelemetry.SiloTag, _silo);
        try
        {
            // A request alone in its run is classified in place: a large one would otherwise cost a large-object copy.
            var input = live.Count == 1 ? live[0].Glyphs : Pack(live, total);
            var probabilities = _classifier.Predict(input, total);
            // Counted and traced before the callers resume, so whoever sees a result also sees it counted and its span ended.
            Interlocked.Add(ref _requests, live.Count);
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _glyphs, total);
            var version = new KeyValuePair<string, object?>(RecognitionTelemetry.ModelVersionTag, Version);
            RecognitionTelemetry.GlyphsClassified.Add(total, version);
            RecognitionTelemetry.BatchSize.Record(total, version);
            RecognitionTelemetry.QueueDelay.Record((DateTime.UtcNow - live[0].Queued).TotalMilliseconds, version);
            infer?.Stop();
            int classes = _classifier.ClassCount, offset = 0;
            foreach (var p in live)
            {
                p.Done.TrySetResult(live.Count == 1 ? probabilities : probabilities.AsSpan(offset * classes, p.Count * classes).ToArray());
                offset += p.Count;
            }
        }
        catch (Exception e)
        {
            infer?.SetStatus(ActivityStatusCode.Error, e.Message);
            foreach (var p in live) p.Done.TrySetException(e);
        }
    }

    private static float[] Pack(List<Pending> batch, int total)
    {
        var input = new float[total * GlyphNormalizer.PixelCount];
        int offset = 0;
        foreach (var p in batch)
        {
            Array.Copy(p.Glyphs, 0, input, offset * GlyphNormalizer.PixelCount, p.Count * GlyphNormalizer.PixelCount);
            offset += p.Count;
        }
        return input;
    }

    /// <summary>Stops taking requests and lets the workers finish what is queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers);
    }

    private sealed record Pending(float[] Glyphs, int Count, DateTime Queued, ActivityContext Caller, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<float[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

public readonly record struct BatchingStatistics(long Requests, long Batches, long Glyphs);
