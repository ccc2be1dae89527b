using MathCluster.Grains;
using MathCluster.Hosting.Options;
using Microsoft.Extensions.Options;

namespace MathCluster.Web.Hosting;

/// <summary>
/// The web app's one way into the recognizer grains, so every endpoint shares the same call policy: calls that a
/// silo failure broke are repeated by <see cref="RecognizerRetryPipeline"/>, each attempt on the next recognizer key.
/// Keys come from <see cref="RecognizerKeys"/>: a client sends each key's calls through one gateway, so distinct
/// keys spread the work over every silo's gateway (stateless workers then run on that silo).
/// </summary>
public sealed class RecognizerClient(IGrainFactory grains, RecognizerRetryPipeline retry, RecognizerKeys keys, GatewayLossSignal gatewayLoss,
    IOptions<LimitsOptions> limits)
{
    public Task<GlyphBatchResult> ClassifyAsync(float[] pixels, int count, CancellationToken cancellationToken = default) =>
        CallAsync((grains, token) => Recognizer(grains).ClassifyGlyphs(new GlyphBatch(pixels, count), token), cancellationToken);

    /// <summary>Recognises a canvas; one over the pixel-area cap is refused here, without a grain call.</summary>
    public Task<CanvasResult> RecognizeAsync(byte[] png, CancellationToken cancellationToken = default) =>
        CanvasAdmission.Refuse(png, limits.Value.MaxCanvasPixels) is { } refused
            ? Task.FromResult(refused)
            : CallAsync((grains, token) => Recognizer(grains).RecognizeCanvas(new CanvasRequest(png), token), cancellationToken);

    public Task<CanvasResult> RecognizeStrokesAsync(StrokeCanvasRequest strokes, CancellationToken cancellationToken = default) =>
        CallAsync((grains, token) => Recognizer(grains).RecognizeStrokes(strokes, token), cancellationToken);

    public Task<RecognizerDiagnostics> DiagnosticsAsync(CancellationToken cancellationToken = default) =>
        CallAsync((grains, _) => Recognizer(grains).GetDiagnostics(), cancellationToken);

    /// <summary>Repeated attempts carry the same request id, so the correction log stores the samples once.</summary>
    public Task<CorrectionAppendResult> AppendCorrectionsAsync(string requestId, IReadOnlyList<CorrectionSample> samples, CancellationToken cancellationToken = default) =>
        CallAsync((grains, _) => grains.GetGrain<ICorrectionLogGrain>(CorrectionKeys.Cluster).Append(requestId, samples), cancellationToken);

    public Task<ModelVersionInfo> ActiveModelAsync(CancellationToken cancellationToken = default) =>
        CallAsync((grains, _) => grains.GetGrain<IModelVersionGrain>(ModelVersionGrainKeys.Cluster).GetActiveVersion(), cancellationToken);

    /// <summary>One call under the retry pipeline; each attempt is abandoned (and repeated) when a gateway connection closes.</summary>
    private async Task<T> CallAsync<T>(Func<IGrainFactory, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        retry.Budget.RecordCall();
        return await retry.Pipeline.ExecuteAsync(async token =>
        {
            var lost = gatewayLoss.Token;
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token, lost);
            var pending = call(grains, attempt.Token);
            try
            {
                return await pending.WaitAsync(attempt.Token);
            }
            catch (OperationCanceledException) when (lost.IsCancellationRequested && !token.IsCancellationRequested)
            {
                // The abandoned call ends on its own (cancelled or timed out); nothing waits for it any more.
                _ = pending.ContinueWith(static t => t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
                throw new GatewayLostException();
            }
        }, cancellationToken);
    }

    private IRecognizerGrain Recognizer(IGrainFactory factory) => factory.GetGrain<IRecognizerGrain>(keys.Next());
}
