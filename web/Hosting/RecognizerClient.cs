using MathCluster.Grains;

namespace MathCluster.Web.Hosting;

/// <summary>
/// The web app's one way into the recognizer grains, so every endpoint shares the same call policy.
/// Calls rotate over a few recognizer keys: a client sends each grain's messages through the gateway its id
/// hashes to, so distinct keys spread the work over every silo's gateway (stateless workers then run locally).
/// </summary>
public sealed class RecognizerClient(IGrainFactory grains)
{
    private const int Keys = 16;
    private int _next;

    public Task<GlyphBatchResult> ClassifyAsync(float[] pixels, int count, CancellationToken cancellationToken = default) =>
        Recognizer().ClassifyGlyphs(new GlyphBatch(pixels, count), cancellationToken);

    public Task<CanvasResult> RecognizeAsync(byte[] png, CancellationToken cancellationToken = default) =>
        Recognizer().RecognizeCanvas(new CanvasRequest(png), cancellationToken);

    public Task<RecognizerDiagnostics> DiagnosticsAsync(CancellationToken cancellationToken = default) =>
        Recognizer().GetDiagnostics().WaitAsync(cancellationToken);

    public Task<ModelVersionInfo> ActiveModelAsync(CancellationToken cancellationToken = default) =>
        grains.GetGrain<IModelVersionGrain>(ModelVersionGrainKeys.Cluster).GetActiveVersion().WaitAsync(cancellationToken);

    private IRecognizerGrain Recognizer() => grains.GetGrain<IRecognizerGrain>((uint)Interlocked.Increment(ref _next) % Keys);
}
