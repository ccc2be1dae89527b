using MathCluster.Grains;

namespace MathCluster.Web.Hosting;

/// <summary>
/// The web app's one way into the recognizer grains, so every endpoint shares the same call policy
/// (placement, and later retries and fan-out).
/// </summary>
public sealed class RecognizerClient(IGrainFactory grains)
{
    public Task<GlyphBatchResult> ClassifyAsync(float[] pixels, int count, CancellationToken cancellationToken = default) =>
        Recognizer().ClassifyGlyphs(new GlyphBatch(pixels, count)).WaitAsync(cancellationToken);

    public Task<CanvasResult> RecognizeAsync(byte[] png, CancellationToken cancellationToken = default) =>
        Recognizer().RecognizeCanvas(new CanvasRequest(png)).WaitAsync(cancellationToken);

    public Task<RecognizerDiagnostics> DiagnosticsAsync(CancellationToken cancellationToken = default) =>
        Recognizer().GetDiagnostics().WaitAsync(cancellationToken);

    public Task<ModelVersionInfo> ActiveModelAsync(CancellationToken cancellationToken = default) =>
        grains.GetGrain<IModelVersionGrain>(ModelVersionGrainKeys.Cluster).GetActiveVersion().WaitAsync(cancellationToken);

    private IRecognizerGrain Recognizer() => grains.GetGrain<IRecognizerGrain>(0);
}
