using MathCluster.Grains.Models;
using MathCluster.Recognition;
using MathCluster.Recognition.Imaging;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

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
            var strokes = SyntheticStrokes();
            var png = SyntheticCanvas(strokes);
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

    /// <summary>"12+7" as strokes, the way the page sends it.</summary>
    private static StrokeCanvas SyntheticStrokes()
    {
        float[][] strokes = [[30, 20, 30, 100], [60, 35, 80, 20, 100, 35, 62, 100, 104, 100], [130, 60, 170, 60], [150, 40, 150, 80], [200, 20, 250, 20, 215, 100]];
        var ends = new List<int>();
        foreach (var stroke in strokes) ends.Add((ends.Count > 0 ? ends[^1] : 0) + stroke.Length / 2);
        return StrokeCanvas.Create(320, 120, 6, strokes.SelectMany(s => s).ToArray(), [.. ends]);
    }

    /// <summary>The same strokes drawn as a PNG, dark ink on white, as an uploaded canvas.</summary>
    private static byte[] SyntheticCanvas(StrokeCanvas strokes)
    {
        var ink = strokes.Draw(Enumerable.Range(0, strokes.StrokeCount), new PixelBox(0, 0, strokes.Width, strokes.Height));
        using var image = new Image<L8>(ink.Width, ink.Height);
        for (int y = 0; y < ink.Height; y++)
        for (int x = 0; x < ink.Width; x++)
            image[x, y] = new L8((byte)(255 - 255 * Math.Clamp(ink[x, y], 0, 1)));
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}
