using System.Diagnostics.Metrics;
using MathCluster.Recognition;

namespace MathCluster.Grains.Corrections;

/// <summary>corrections_total{label,model_version} and corrections_evicted_total, on the recognition meter.</summary>
public static class CorrectionTelemetry
{
    public static readonly Counter<long> Stored = RecognitionTelemetry.Meter.CreateCounter<long>("corrections", "{symbol}", "Corrected symbols stored, by the label the user chose and the model version that misread it");
    public static readonly Counter<long> Evicted = RecognitionTelemetry.Meter.CreateCounter<long>("corrections.evicted", "{symbol}", "Stored corrections evicted by Corrections:MaxCount");

    public const string LabelTag = "label", ModelVersionTag = "model_version";
}
