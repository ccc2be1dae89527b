using MathCluster.Recognition.Classification;

namespace MathCluster.Grains.Models;

/// <summary>
/// One loaded model version on this silo: its ONNX session and the batching queue in front of it. Reference counted:
/// the silo holds one reference while the session is active and every call holds one while it runs, so after a swap
/// the old session is disposed exactly when its last call has finished.
/// </summary>
public sealed class ModelSession
{
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _references = 1;

    public ModelSession(long id, OnnxGlyphClassifier classifier, BatchingOptions batching, string silo)
    {
        Id = id;
        Classifier = classifier;
        Batcher = new GlyphBatcher(classifier, batching, silo);
    }

    public long Id { get; }
    public OnnxGlyphClassifier Classifier { get; }
    public GlyphBatcher Batcher { get; }
    public string Version => Classifier.Version;

    /// <summary>Completes once the session has been drained and disposed.</summary>
    public Task Disposed => _disposed.Task;

    /// <summary>Takes a reference unless the session is already draining to zero.</summary>
    public bool TryRetain()
    {
        int current = Volatile.Read(ref _references);
        while (current > 0)
        {
            int seen = Interlocked.CompareExchange(ref _references, current + 1, current);
            if (seen == current) return true;
            current = seen;
        }
        return false;
    }

    public void Release()
    {
        int left = Interlocked.Decrement(ref _references);
        if (left == 0) _ = DisposeAsync();
        else if (left < 0) throw new InvalidOperationException($"Session {Id} was released more often than retained.");
    }

    private async Task DisposeAsync()
    {
        try
        {
            await Batcher.DisposeAsync();
            Classifier.Dispose();
        }
        finally
        {
            _disposed.TrySetResult();
        }
    }
}

/// <summary>A call's hold on a session; disposing it lets a retired session drain.</summary>
public readonly struct ModelLease(ModelSession session) : IDisposable
{
    public ModelSession Session { get; } = session;

    public void Dispose() => Session.Release();
}
