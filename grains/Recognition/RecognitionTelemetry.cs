using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MathCluster.Recognition;

/// <summary>
/// The recognizer's own traces and metrics (System.Diagnostics, so the library needs no OpenTelemetry package;
/// hosts subscribe to <see cref="Name"/>).
/// </summary>
public static class RecognitionTelemetry
{
    public const string Name = "MathCluster.Recognition";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> GlyphsClassified = Meter.CreateCounter<long>("recognizer.glyphs.classified", "{glyph}", "Glyphs classified by the model");
    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("recognizer.batch.size", "{glyph}", "Glyphs per ONNX run (dynamic batching)",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096] });
    public static readonly Histogram<double> QueueDelay = Meter.CreateHistogram<double>("recognizer.batch.queue_delay", "ms", "How long the oldest request of a batch waited",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] });
    public static readonly Counter<long> Predictions = Meter.CreateCounter<long>("recognizer.predictions", "{symbol}", "Recognised canvas symbols per class");
    public static readonly Histogram<double> Confidence = Meter.CreateHistogram<double>("recognizer.prediction.confidence", "1", "Confidence of recognised canvas symbols",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99] });

    private static readonly AsyncLocal<bool> Suppressed = new();

    /// <summary>False inside <see cref="Unobserved"/>: work a process does for itself records no span and no metric.</summary>
    public static bool Observed => !Suppressed.Value;

    /// <summary>Until disposed, recognition work in this flow (and flows it starts) records no span and no metric.</summary>
    public static UnobservedScope Unobserved()
    {
        bool previous = Suppressed.Value;
        Suppressed.Value = true;
        return new UnobservedScope(previous);
    }

    /// <summary>A recognition stage's span, or none when unobserved or when nobody listens.</summary>
    public static Activity? StartStage(string name) => Observed ? Source.StartActivity(name) : null;

    public readonly struct UnobservedScope(bool previous) : IDisposable
    {
        public void Dispose() => Suppressed.Value = previous;
    }

    public const string ModelVersionTag = "model.version";
    public const string BatchSizeTag = "batch.size";
    public const string SiloTag = "silo";
    public const string ClassTag = "class";
}
