using MathCluster.Recognition.Classification;
using MathCluster.Trainer.Commands;
using MathCluster.Trainer.Data;
using MathCluster.Trainer.Onnx;
using MathCluster.Trainer.Reporting;

namespace MathCluster.Trainer.Model;

/// <summary>
/// What `train` and `finetune` write for a trained net: the ONNX model, its TorchSharp checkpoint, the card with
/// metrics measured through ONNX Runtime (the serving path), and the plots.
/// </summary>
public static class TrainedModelFiles
{
    /// <summary>Writes everything into <paramref name="outDirectory"/>; <paramref name="extraMetrics"/> adds to the card's metrics.</summary>
    public static async Task<(string ModelPath, ModelCard Card, int Bytes)> WriteAsync(GlyphNet net, string version, string outDirectory,
        HandwritingSources sources, IReadOnlyList<EpochResult> history, TrainingSettings settings,
        Func<OnnxGlyphClassifier, ModelMetrics, ModelMetrics>? extraMetrics, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outDirectory);
        var modelPath = Path.Combine(outDirectory, TrainCommand.ModelFileName);
        var onnx = OnnxModelWriter.Write(net, SymbolClasses.All, version);
        await File.WriteAllBytesAsync(modelPath, onnx, cancellationToken);
        net.save(Path.Combine(outDirectory, TrainCommand.CheckpointFileName));
        var card = new ModelCard { Version = version, Classes = SymbolClasses.All, Sha256 = ModelCard.HashOf(onnx) };
        using (var classifier = new OnnxGlyphClassifier(onnx, card, Environment.ProcessorCount))
        {
            var metrics = ModelEvaluator.Evaluate(classifier, sources);
            if (extraMetrics is not null) metrics = extraMetrics(classifier, metrics);
            card = card with { Metrics = metrics, Training = settings };
        }
        card.Save(ModelCard.CardPathFor(modelPath));
        TrainingPlots.LearningCurves(history, Path.Combine(outDirectory, "training-curves.png"));
        TrainingPlots.ConfusionMatrix(card.Metrics!, card.Classes, Path.Combine(outDirectory, "confusion-matrix.png"));
        EvaluateCommand.PrintTable(card.Metrics);
        return (modelPath, card, onnx.Length);
    }
}
