using MathCluster.Grains.Models;
using MathCluster.Recognition;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MathCluster.Hosting.Warmup;

/// <summary>
/// A fresh process serves its first thousand canvases at a third of its warm rate (JIT tiers, ONNX Runtime's first
/// runs, pools). Before the silo reports ready it reads a synthetic canvas, as a PNG and as strokes, through the whole
/// reading pipeline (decode, layout, grouping, normalise, classify on the serving session, the line reader, the 2-D
/// parser) until the hot paths are tiered up, and classifies batches of several sizes, so the first real users meet a
/// warm silo. It reads unobserved (<see cref="CanvasRecognizer.WarmUpAsync"/>), so no warm-up glyph is counted in the
/// metrics or traced. Readiness waits for it
/// (<see cref="CheckHealthAsync"/>).
/// </summary>
public sealed class PipelineWarmup(ActiveModel model, ILogger<PipelineWarmup> logger) : BackgroundService, IHealthCheck
{
    public const string Name = "pipeline-warm";
    // Tiered compilation promotes a method after 30 calls; a few rounds more cover the background re-JIT.
    private const int Rounds = 60;
    private static readonly int[] BatchSizes = [1, 8, 64, 256];

    private readonly TaskCompletionSource _warm = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await _warm.Task.WaitAsync(cancellationToken);
        return HealthCheckResult.Healthy("The pipeline has run warm-up canvases");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var strokes = WarmupCanvas.ToStrokeCanvas();
            var png = WarmupCanvas.ToPng();
            using (var lease = await model.AcquireAsync(stoppingToken))
            {
                var classifier = lease.Session.Classifier;
                for (int round = 0; round < Rounds; round++)
                    await CanvasRecognizer.WarmUpAsync(png, strokes, classifier, stoppingToken);
                foreach (int size in BatchSizes)
                    await classifier.ClassifyAsync(new float[size * GlyphNormalizer.PixelCount], size, stoppingToken);
            }
            logger.LogInformation("Pipeline warmed up in {Elapsed} ms", (int)clock.ElapsedMilliseconds);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // A failed warm-up only costs speed; readiness still follows the cluster and the model.
            logger.LogWarning(e, "Pipeline warm-up failed; serving cold");
        }
        _warm.TrySetResult();
    }
}
