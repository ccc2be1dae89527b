using System.Diagnostics;
using MathCluster.Grains.Models;
using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Segmentation;
using Orleans.Concurrency;

namespace MathCluster.Grains.Recognizers;

/// <summary>Thin grain over the recognition library: it owns placement and concurrency, the work is in Recognition.</summary>
[StatelessWorker(MaxLocalWorkers)]
public sealed class RecognizerGrain(ActiveModel model, ILocalSiloDetails silo) : Grain, IRecognizerGrain
{
    // Activations are cheap (they share the silo's session); more of them let concurrent requests overlap.
    public const int MaxLocalWorkers = 32;

    public async Task<GlyphBatchResult> ClassifyGlyphs(GlyphBatch batch, CancellationToken cancellationToken = default)
    {
        using var lease = await model.AcquireAsync(cancellationToken);
        var session = lease.Session;
        var classifier = session.Batcher;
        var probabilities = await classifier.ClassifyAsync(batch.Pixels, batch.Count, cancellationToken);
        var glyphs = new GlyphClassification[batch.Count];
        for (int i = 0; i < batch.Count; i++)
        {
            var prediction = GlyphPrediction.FromProbabilities(probabilities, i, classifier.Classes);
            glyphs[i] = new GlyphClassification(prediction.Label, prediction.Confidence, ToContract(prediction.Alternatives));
        }
        return new GlyphBatchResult(classifier.Version, classifier.Classes, probabilities, glyphs, ServedBy(session));
    }

    public Task<CanvasResult> RecognizeCanvas(CanvasRequest request, CancellationToken cancellationToken = default) =>
        RecognizeAsync(classifier => CanvasRecognizer.RecognizeAsync(request.Png, classifier, cancellationToken), cancellationToken);

    public Task<CanvasResult> RecognizeStrokes(StrokeCanvasRequest request, CancellationToken cancellationToken = default) =>
        RecognizeAsync(classifier => CanvasRecognizer.RecognizeAsync(
            StrokeCanvas.Create(request.Width, request.Height, request.PenWidth, request.Coordinates, request.StrokeEnds), classifier, cancellationToken), cancellationToken);

    private async Task<CanvasResult> RecognizeAsync(Func<IGlyphClassifier, Task<CanvasRecognition>> recognize, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var lease = await model.AcquireAsync(cancellationToken);
            var recognition = await recognize(lease.Session.Batcher);
            return new CanvasResult(CanvasStatus.Recognized, null, CanvasResultMapper.ToContract(recognition, clock.Elapsed.TotalMilliseconds));
        }
        catch (CanvasImageException e)
        {
            return CanvasResult.Failed(e.Problem == CanvasImageProblem.TooLarge ? CanvasStatus.TooLarge : CanvasStatus.Unreadable, e.Message);
        }
        catch (TooManySymbolsException e)
        {
            return CanvasResult.Failed(CanvasStatus.TooManySymbols, e.Message);
        }
    }

    public async Task<RecognizerDiagnostics> GetDiagnostics()
    {
        using var lease = await model.AcquireAsync();
        return new RecognizerDiagnostics(ServedBy(lease.Session), lease.Session.Version, model.SessionsLoaded);
    }

    // Stateless worker activations share one grain id; the activation id tells them apart.
    private ServedBy ServedBy(ModelSession session) => new(silo.SiloAddress.ToString(), GrainContext.ActivationId.ToString(), session.Id);

    internal static IReadOnlyList<LabelConfidence> ToContract(IReadOnlyList<LabelScore> scores) =>
        scores.Select(s => new LabelConfidence(s.Label, s.Confidence)).ToList();
}
