using System.Diagnostics.Metrics;
using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MathCluster.Grains.Models;

/// <summary>
/// The model this silo serves right now, shared by every recognizer activation on the silo (an InferenceSession is
/// thread-safe), and the hot swap between versions: the new session loads in the background, then replaces the old
/// one atomically; calls that hold the old one finish on it, and it is disposed once the last of them is done.
/// Until the cluster's active version is known the silo serves its startup model: the file named by Models:Path,
/// else the built-in default model.
/// </summary>
public sealed class ActiveModel : IAsyncDisposable
{
    // A first call waits this long at most for the silo to learn the cluster's active version.
    private static readonly TimeSpan FirstSyncWait = TimeSpan.FromSeconds(10);

    private readonly Lazy<(byte[] Model, ModelCard Card)> _startupModel;
    private readonly IOptions<BatchingOptions> _batching;
    private readonly IGrainFactory _grains;
    private readonly ILogger<ActiveModel> _logger;
    private readonly string _silo;
    private readonly SemaphoreSlim _switching = new(1, 1);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _startupLock = new();
    private ModelSession? _current;
    private long _sessionsLoaded;
    private int _sessionsAlive;

    public ActiveModel(IOptions<ModelOptions> options, BuiltInModel builtIn, ILocalSiloDetails silo, IMeterFactory meters, IOptions<BatchingOptions> batching,
        IGrainFactory grains, ILogger<ActiveModel> logger)
    {
        _batching = batching;
        _grains = grains;
        _logger = logger;
        _silo = silo.SiloAddress.ToString();
        _startupModel = new(() => LoadStartupModel(options.Value.Path, builtIn));
        // Which version each silo serves, for dashboards: 1 per (silo, version) pair. The meter comes from the
        // silo's container, so the gauge goes away with the silo.
        meters.Create(RecognitionTelemetry.Name).CreateObservableGauge("recognizer.model.active",
            () => new Measurement<int>(1,
                new KeyValuePair<string, object?>(RecognitionTelemetry.ModelVersionTag, Version),
                new KeyValuePair<string, object?>(RecognitionTelemetry.SiloTag, _silo)),
            "{model}", "The model version this silo serves");
        meters.Create(RecognitionTelemetry.Name).CreateObservableGauge("recognizer.model.sessions",
            () => Volatile.Read(ref _sessionsAlive), "{session}", "ONNX sessions alive on this silo (more than one only while a swap drains)");
    }

    /// <summary>The model this silo started with; it seeds the registry of a new cluster.</summary>
    public (byte[] Model, ModelCard Card) StartupModel => _startupModel.Value;

    public string Version => Volatile.Read(ref _current)?.Version ?? _startupModel.Value.Card.Version;

    /// <summary>Sessions created on this silo so far.</summary>
    public int SessionsLoaded => (int)Interlocked.Read(ref _sessionsLoaded);

    /// <summary>Sessions not yet disposed: the active one, plus old ones still draining.</summary>
    public int SessionsAlive => Volatile.Read(ref _sessionsAlive);

    /// <summary>Holds the current session for one call; dispose the lease when the call is done.</summary>
    public async ValueTask<ModelLease> AcquireAsync(CancellationToken cancellationToken = default)
    {
        if (!_synced.Task.IsCompleted)
        {
            try
            {
                await _synced.Task.WaitAsync(FirstSyncWait, cancellationToken);
            }
            catch (TimeoutException)
            {
                // The registry is slow to answer; the startup model is better than no answer.
            }
        }
        while (true)
        {
            var session = Volatile.Read(ref _current) ?? StartupSession();
            if (session.TryRetain()) return new ModelLease(session);
            // It was swapped out and drained between the read and the retain: read the new one.
        }
    }

    /// <summary>Called once the silo has asked the cluster which version is active (or failed to), so calls stop waiting.</summary>
    public void MarkSynced() => _synced.TrySetResult();

    /// <summary>Loads <paramref name="target"/> if this silo does not serve it yet, then switches to it.</summary>
    public async Task<SiloModelStatus> ServeAsync(ModelVersionInfo target, CancellationToken cancellationToken = default)
    {
        await _switching.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _current) is { } serving && serving.Version == target.Version) return Status();
            var (model, card) = await LoadAsync(target);
            var next = await Task.Run(() => CreateSession(model, card), cancellationToken);
            var previous = Interlocked.Exchange(ref _current, next);
            _logger.LogInformation("Switched from model {PreviousVersion} to {ModelVersion} (session {SessionId})", previous?.Version, next.Version, next.Id);
            previous?.Release();
            return Status();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Could not switch to model {ModelVersion}", target.Version);
            return Status(e.Message);
        }
        finally
        {
            _switching.Release();
        }
    }

    public SiloModelStatus Status(string? error = null)
    {
        var current = Volatile.Read(ref _current);
        return new SiloModelStatus(_silo, current?.Version ?? _startupModel.Value.Card.Version, current?.Id ?? 0, SessionsAlive, error);
    }

    private async Task<(byte[] Model, ModelCard Card)> LoadAsync(ModelVersionInfo target)
    {
        var startup = _startupModel.Value;
        (byte[] Model, ModelCard Card) loaded;
        if (startup.Card.Version == target.Version) loaded = startup;
        else
        {
            var package = await _grains.GetGrain<IModelPackageGrain>(target.Version).Get()
                          ?? throw new InvalidOperationException($"Model {target.Version} is not in the registry.");
            loaded = (package.Onnx, ModelCard.Parse(System.Text.Encoding.UTF8.GetBytes(package.CardJson)));
        }
        var hash = ModelCard.HashOf(loaded.Model);
        if (!string.IsNullOrEmpty(target.Sha256) && hash != target.Sha256)
            throw new InvalidDataException($"Model {target.Version} has SHA-256 {hash}, but the registry expects {target.Sha256}.");
        return loaded;
    }

    private ModelSession StartupSession()
    {
        lock (_startupLock)
        {
            if (Volatile.Read(ref _current) is { } current) return current;
            var (model, card) = _startupModel.Value;
            var session = CreateSession(model, card);
            Volatile.Write(ref _current, session);
            return session;
        }
    }

    private ModelSession CreateSession(byte[] model, ModelCard card)
    {
        var session = new ModelSession(Interlocked.Increment(ref _sessionsLoaded), new OnnxGlyphClassifier(model, card), _batching.Value, _silo);
        Interlocked.Increment(ref _sessionsAlive);
        _ = session.Disposed.ContinueWith(_ =>
        {
            Interlocked.Decrement(ref _sessionsAlive);
            _logger.LogInformation("Disposed model {ModelVersion} session {SessionId}", session.Version, session.Id);
        }, TaskScheduler.Default);
        _logger.LogInformation("Loaded model {ModelVersion} as session {SessionId}", card.Version, session.Id);
        return session;
    }

    private static (byte[] Model, ModelCard Card) LoadStartupModel(string? path, BuiltInModel builtIn)
    {
        if (string.IsNullOrWhiteSpace(path)) return (builtIn.Model, builtIn.Card);
        var cardPath = ModelCard.CardPathFor(path);
        if (!File.Exists(path) || !File.Exists(cardPath))
            throw new FileNotFoundException($"{ModelOptions.Section}:{nameof(ModelOptions.Path)} names {path}, but it or its card {cardPath} does not exist.");
        return (File.ReadAllBytes(path), ModelCard.Load(cardPath));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _current, null) is { } session)
        {
            session.Release();
            await session.Disposed;
        }
    }
}
