using System.Collections.Concurrent;
using MathCluster.Recognition.Classification;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MathCluster.Grains.Models;

/// <summary>
/// The silo's ONNX sessions, one per model version, shared by every recognizer activation on the silo
/// (an InferenceSession is thread-safe), so memory does not grow with the number of activations.
/// </summary>
public sealed class ModelSessionCache(IOptions<BatchingOptions> batching, ILocalSiloDetails silo, ILogger<ModelSessionCache> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ModelSession>> _sessions = new();
    private long _nextId;

    /// <summary>How many sessions this silo has created so far.</summary>
    public int SessionsLoaded => (int)Interlocked.Read(ref _nextId);

    public ModelSession GetOrLoad(string version, Func<(byte[] Model, ModelCard Card)> load) =>
        _sessions.GetOrAdd(version, v => new Lazy<ModelSession>(() =>
        {
            var (model, card) = load();
            var session = new ModelSession(Interlocked.Increment(ref _nextId), new OnnxGlyphClassifier(model, card), batching.Value, silo.SiloAddress.ToString());
            logger.LogInformation("Loaded model {ModelVersion} as session {SessionId}", v, session.Id);
            return session;
        })).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions.Values.Where(s => s.IsValueCreated)) await session.Value.DisposeAsync();
        _sessions.Clear();
    }
}
