using System.Text;
using System.Text.Json;
using MathCluster.Recognition.Classification;
using Microsoft.Extensions.Options;

namespace MathCluster.Grains.Models;

/// <summary>The result of the validation gate; a model may serve only when <see cref="Reasons"/> is empty.</summary>
public sealed record ModelValidation(ModelCard? Card, double GoldenAccuracy, IReadOnlyList<string> Reasons)
{
    public bool Passed => Reasons.Count == 0;

    /// <summary>A fine-tuned model's accuracy on the users' corrections it was not trained on, as its card reports it.</summary>
    public double? CorrectionsHoldoutAccuracy => Card?.Metrics?.CorrectionsHoldoutAccuracy;
}

/// <summary>
/// The gate every uploaded model passes before it can become active: its card is readable and names the contract's
/// classes in order, its bytes match the card's SHA-256, its ModelProto holds nothing unsafe to load
/// (<see cref="OnnxModelInspection"/>), it loads in ONNX Runtime with the contract's input and output,
/// and it labels the golden set well enough, on its own and compared with the active model.
/// </summary>
public sealed class ModelValidator(IOptions<ModelOptions> options)
{
    public ModelValidation Validate(ModelPackage package, double? activeGoldenAccuracy)
    {
        var reasons = new List<string>();
        ModelCard? card;
        try
        {
            card = ModelCard.Parse(Encoding.UTF8.GetBytes(package.CardJson));
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
        {
            return new ModelValidation(null, 0, [$"The model card is not valid JSON for a model card: {e.Message}"]);
        }
        if (!ModelVersionNames.IsValid(card.Version)) reasons.Add($"Version '{card.Version}' is not a valid name ({ModelVersionNames.Rule}).");
        if (card.Classes is null || !card.Classes.SequenceEqual(SymbolClasses.All))
            reasons.Add($"The card's classes [{string.Join(" ", card.Classes ?? [])}] differ from the contract's [{string.Join(" ", SymbolClasses.All)}] (same labels, same order).");
        var hash = ModelCard.HashOf(package.Onnx);
        if (!string.IsNullOrEmpty(card.Sha256) && !string.Equals(card.Sha256, hash, StringComparison.OrdinalIgnoreCase))
            reasons.Add($"The ONNX file's SHA-256 is {hash}, but the card says {card.Sha256}: the file is not the one the card describes.");
        if (reasons.Count > 0) return new ModelValidation(card, 0, reasons);
        var unsafeParts = OnnxModelInspection.Problems(package.Onnx, options.Value.MaxInitializerBytes);
        if (unsafeParts.Count > 0) return new ModelValidation(card, 0, unsafeParts);

        double accuracy;
        try
        {
            using var classifier = new OnnxGlyphClassifier(package.Onnx, card, Environment.ProcessorCount);
            accuracy = GoldenSet.Load().Accuracy(classifier);
        }
        catch (ModelContractException e)
        {
            return new ModelValidation(card, 0, [e.Message]);
        }
        catch (Exception e) when (e is Microsoft.ML.OnnxRuntime.OnnxRuntimeException or ArgumentException)
        {
            return new ModelValidation(card, 0, [$"ONNX Runtime cannot run the model on the golden set: {e.Message}"]);
        }
        var limits = options.Value;
        if (accuracy < limits.MinGoldenAccuracy)
            reasons.Add($"Golden-set accuracy {accuracy:P1} is below the floor of {limits.MinGoldenAccuracy:P1}.");
        if (activeGoldenAccuracy is { } active && accuracy < active - limits.MaxGoldenRegression)
            reasons.Add($"Golden-set accuracy {accuracy:P1} is more than {limits.MaxGoldenRegression:P1} below the active model's {active:P1}.");
        return new ModelValidation(card with { Sha256 = hash }, accuracy, reasons);
    }
}
