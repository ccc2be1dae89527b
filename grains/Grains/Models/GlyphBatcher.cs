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
    private readonly Channel<Slice> _queue = Channel.CreateUnbounded<Slice>(new UnboundedChannelOptions { SingleWriter = false });
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
        // A request larger than a run is cut into runs of MaxBatchSize, which the workers share.
        int size = Math.Max(1, _options.MaxBatchSize);
        var request = new Request(glyphs, count, size, _classifier.ClassCount, DateTime.UtcNow, Activity.Current?.Context ?? default, RecognitionTelemetry.Observed, cancellationToken);
        for (int offset = 0; offset < count; offset += size)
        {
            if (!_queue.Writer.TryWrite(new Slice(request, offset, Math.Min(size, count - offset))))
                throw new ObjectDisposedException(nameof(GlyphBatcher), "The model session is shutting down.");
        }
        return new ValueTask<float[]>(request.Done.Task);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Slice>();
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            int glyphs = 0;
            if (!reader.TryRead(out var first)) continue;
            batch.Add(first);
            glyphs += first.Count;
            // Part of a request that fills runs by itself: nothing is gained by waiting for company.
            var deadline = first.Count < first.Request.Count ? DateTime.MinValue : first.Request.Queued + _options.MaxQueueDelay;
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

    private void Run(List<Slice> batch)
    {
        var live = new List<Slice>(batch.Count);
        foreach (var slice in batch)
        {
            var request = slice.Request;
            if (request.CancellationToken.IsCancellationRequested) request.Done.TrySetCanceled(request.CancellationToken);
            else if (!request.Done.Task.IsCompleted) live.Add(slice);
        }
        if (live.Count == 0) return;
        int total = live.Sum(s => s.Count);
        // A warm-up's glyphs are classified like any others but neither traced nor counted.
        var observed = live.Where(s => s.Request.Observed).ToList();
        // One ONNX run serves several requests: it is a child of the oldest and linked to the others' traces.
        var callers = observed.Select(s => s.Request.Caller).Distinct().ToList();
        using var infer = callers.Count == 0 ? null : RecognitionTelemetry.Source.StartActivity("infer", ActivityKind.Internal, callers[0],
            links: callers.Skip(1).Where(c => c != default).Select(c => new ActivityLink(c)));
        infer?.SetTag(RecognitionTelemetry.ModelVersionTag, Version).SetTag(RecognitionTelemetry.BatchSizeTag, total)
            .SetTag("requests", callers.Count).SetTag(RecognitionTelemetry.SiloTag, _silo);
        try
        {
            int classes = _classifier.ClassCount;
            if (live.Count == 1)
            {
                // Alone in its run: classified in place, straight into the request's rows (no copies of a large request).
                var slice = live[0];
                _classifier.Predict(slice.Request.Glyphs.AsMemory(slice.Offset * GlyphNormalizer.PixelCount, slice.Count * GlyphNormalizer.PixelCount),
                    slice.Count, slice.Request.Probabilities.AsMemory(slice.Offset * classes, slice.Count * classes));
            }
            else
            {
                var probabilities = _classifier.Predict(Pack(live, total), total);
                int row = 0;
                foreach (var slice in live)
                {
                    probabilities.AsSpan(row * classes, slice.Count * classes).CopyTo(slice.Request.Probabilities.AsSpan(slice.Offset * classes));
                    row += slice.Count;
                }
            }
            // Counted and traced before the callers resume, so whoever sees a result also sees it counted and its span ended.
            var finished = live.Where(s => Interlocked.Decrement(ref s.Request.Remaining) == 0).Select(s => s.Request).ToList();
            Interlocked.Add(ref _requests, finished.Count);
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _glyphs, total);
            if (observed.Count > 0)
            {
                var version = new KeyValuePair<string, object?>(RecognitionTelemetry.ModelVersionTag, Version);
                RecognitionTelemetry.GlyphsClassified.Add(observed.Sum(s => s.Count), version);
                RecognitionTelemetry.BatchSize.Record(total, version);
                RecognitionTelemetry.QueueDelay.Record((DateTime.UtcNow - observed.Min(s => s.Request.Queued)).TotalMilliseconds, version);
            }
            infer?.Stop();
            foreach (var request in finished) request.Done.TrySetResult(request.Probabilities);
        }
        catch (Exception e)
        {
            infer?.SetStatus(ActivityStatusCode.Error, e.Message);
            foreach (var slice in live) slice.Request.Done.TrySetException(e);
        }
    }

    private static float[] Pack(List<Slice> batch, int total)
    {
        var input = new float[total * GlyphNormalizer.PixelCount];
        int offset = 0;
        foreach (var slice in batch)
        {
            Array.Copy(slice.Request.Glyphs, slice.Offset * GlyphNormalizer.PixelCount, input, offset * GlyphNormalizer.PixelCount, slice.Count * GlyphNormalizer.PixelCount);
            offset += slice.Count;
        }
        return input;
    }

    /// <summary>Stops taking requests and lets the workers finish what is queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers);
    }

    /// <summary>One caller's glyphs and the probability rows its runs fill in.</summary>
    private sealed class Request(float[] glyphs, int count, int sliceSize, int classes, DateTime queued, ActivityContext caller, bool observed, CancellationToken cancellationToken)
    {
        public float[] Glyphs { get; } = glyphs;
        public int Count { get; } = count;
        public float[] Probabilities { get; } = new float[count * classes];
        public DateTime Queued { get; } = queued;
        public ActivityContext Caller { get; } = caller;
        /// <summary>False for a warm-up's glyphs (<see cref="RecognitionTelemetry.Observed"/>).</summary>
        public bool Observed { get; } = observed;
        public CancellationToken CancellationToken { get; } = cancellationToken;
        public TaskCompletionSource<float[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        /// <summary>Slices not yet classified.</summary>
        public int Remaining = (count + sliceSize - 1) / sliceSize;
    }

    /// <summary>Up to MaxBatchSize consecutive glyphs of one request: the unit the workers batch.</summary>
    private sealed record Slice(Request Request, int Offset, int Count);
}

public readonly record struct BatchingStatistics(long Requests, long Batches, long Glyphs);
