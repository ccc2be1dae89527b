using System.Diagnostics.Metrics;
using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using Microsoft.Extensions.Configuration;

namespace MathCluster.Grains.Models;

/// <summary>
/// The model this silo serves right now: the file named by Model:Path when configured, else the default
/// model embedded in the recognition library.
/// </summary>
public sealed class ActiveModel
{
    public const string PathKey = "Model:Path";

    private readonly ModelSessionCache _sessions;
    private readonly Lazy<(byte[] Model, ModelCard Card)> _startupModel;

    public ActiveModel(ModelSessionCache sessions, IConfiguration configuration, ILocalSiloDetails silo, IMeterFactory meters)
    {
        _sessions = sessions;
        _startupModel = new(() => LoadStartupModel(configuration[PathKey]));
        // Which version each silo serves, for dashboards: 1 per (silo, version) pair. The meter comes from the
        // silo's container, so the gauge goes away with the silo.
        meters.Create(RecognitionTelemetry.Name).CreateObservableGauge("recognizer.model.active",
            () => new Measurement<int>(1,
                new KeyValuePair<string, object?>(RecognitionTelemetry.ModelVersionTag, Card.Version),
                new KeyValuePair<string, object?>(RecognitionTelemetry.SiloTag, silo.SiloAddress.ToString())),
            "{model}", "The model version this silo serves");
    }

    public ModelSession Session => _sessions.GetOrLoad(_startupModel.Value.Card.Version, () => _startupModel.Value);

    public ModelCard Card => _startupModel.Value.Card;

    private static (byte[] Model, ModelCard Card) LoadStartupModel(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return (DefaultModel.ModelBytes(), DefaultModel.Card());
        var cardPath = ModelCard.CardPathFor(path);
        if (!File.Exists(path) || !File.Exists(cardPath))
            throw new FileNotFoundException($"{PathKey} names {path}, but it or its card {cardPath} does not exist.");
        return (File.ReadAllBytes(path), ModelCard.Load(cardPath));
    }
}
