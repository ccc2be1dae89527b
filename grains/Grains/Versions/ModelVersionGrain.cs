using System.Diagnostics;
using System.Text.Json;
using MathCluster.Grains.Models;
using MathCluster.Grains.Storage;
using MathCluster.Recognition.Classification;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MathCluster.Grains.Versions;

/// <summary>
/// Coordinates model versions for the cluster: registers validated uploads, keeps the active version and its
/// history in grain storage, and pushes activations to every silo. A new cluster starts with the model its first
/// silo started with; a newer built-in default is adopted on upgrade (see <see cref="BuiltInModel"/>).
/// </summary>
public sealed class ModelVersionGrain(
    [PersistentState("registry", GrainStorageNames.Models)] IPersistentState<ModelRegistryState> state,
    ActiveModel localModel,
    BuiltInModel builtIn,
    ModelValidator validator,
    IModelHostClient hosts,
    IClusterMembershipService membership,
    IOptions<ModelOptions> options,
    ILogger<ModelVersionGrain> logger) : Grain, IModelVersionGrain
{
    private readonly Dictionary<string, ModelVersionInfo> _infos = [];

    private ModelRegistryState Registry => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Registry.Active is null) await SeedAsync(cancellationToken);
        else if (Find(builtIn.Card.Version) is null) await AdoptBuiltInAsync(cancellationToken);
    }

    /// <summary>A new cluster starts with the model its first silo started with.</summary>
    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        var (model, card) = localModel.StartupModel;
        string by = card.Version == builtIn.Card.Version ? BuiltInModel.RegisteredBy : BuiltInModel.StartupSeeder;
        var (package, validation) = Package(model, card);
        await GrainFactory.GetGrain<IModelPackageGrain>(card.Version).Store(package);
        Registry.Versions.Add(Entry(package, validation, by));
        Registry.Active = card.Version;
        Registry.History.Add(new ModelActivationRecord(card.Version, null, ActivationAction.Start, by, DateTimeOffset.UtcNow));
        await state.WriteStateAsync(cancellationToken);
        logger.LogInformation("Model registry started with {ModelVersion} (golden-set accuracy {Accuracy:P1})", card.Version, validation.GoldenAccuracy);
    }

    /// <summary>
    /// An upgraded build brings a new built-in default: register it, and activate it where the active version is an
    /// older built-in default that start-up chose. An operator's activation is never overridden.
    /// </summary>
    private async Task AdoptBuiltInAsync(CancellationToken cancellationToken)
    {
        var (package, validation) = Package(builtIn.Model, builtIn.Card);
        if (!validation.Passed)
        {
            logger.LogWarning("The built-in model {ModelVersion} fails the gate and is not registered: {Reasons}", builtIn.Card.Version, validation.Reasons);
            return;
        }
        await GrainFactory.GetGrain<IModelPackageGrain>(builtIn.Card.Version).Store(package);
        Registry.Versions.Add(Entry(package, validation, BuiltInModel.RegisteredBy));
        var active = ActiveEntry;
        if (BuiltInModel.IsBuiltIn(active) && BuiltInModel.ActivatedByStartup(Registry.History, active.Version))
        {
            Registry.Earlier.Add(active.Version);
            await SwitchAsync(builtIn.Card.Version, active.Version, ActivationAction.Upgrade, BuiltInModel.RegisteredBy);
            return;
        }
        await state.WriteStateAsync(cancellationToken);
        logger.LogInformation("Registered the built-in model {ModelVersion}; {ActiveVersion} stays active (an operator's choice)", builtIn.Card.Version, active.Version);
    }

    private (ModelPackage Package, ModelValidation Validation) Package(byte[] model, ModelCard card)
    {
        var package = new ModelPackage(model, JsonSerializer.Serialize(card with { Sha256 = ModelCard.HashOf(model) }, ModelCard.Json));
        return (package, validator.Validate(package, activeGoldenAccuracy: null));
    }

    public Task<ModelVersionInfo> GetActiveVersion() => Task.FromResult(Info(ActiveEntry));

    public async Task<ModelRegistration> Register(ModelPackage package, string uploadedBy)
    {
        // Off the grain's turn and bounded in time: the gate loads the model and runs the golden set, which must never
        // hold up the registry (reads interleave anyway) or the silo's scheduler.
        double activeAccuracy = ActiveEntry.GoldenAccuracy;
        ModelValidation validation;
        try
        {
            validation = await Task.Run(() => validator.Validate(package, activeAccuracy)).WaitAsync(options.Value.ValidationTimeout);
        }
        catch (TimeoutException)
        {
            return new ModelRegistration(RegistrationStatus.Rejected, null,
                [$"Validating the model took longer than {options.Value.ValidationTimeout.TotalSeconds:F0} s ({ModelOptions.Section}:{nameof(ModelOptions.ValidationTimeout)})."]);
        }
        if (!validation.Passed || validation.Card is not { } card)
            return new ModelRegistration(RegistrationStatus.Rejected, null, validation.Reasons);
        if (Find(card.Version) is { } existing)
        {
            return existing.Sha256 == card.Sha256
                ? new ModelRegistration(RegistrationStatus.AlreadyRegistered, existing, [])
                : new ModelRegistration(RegistrationStatus.Conflict, existing, [$"Version {card.Version} is already registered with SHA-256 {existing.Sha256}; upload under a new version name."]);
        }
        // The card is stored with the hash the gate computed, so silos can check the bytes they load.
        var stored = package with { CardJson = JsonSerializer.Serialize(card, ModelCard.Json) };
        await GrainFactory.GetGrain<IModelPackageGrain>(card.Version).Store(stored);
        var entry = Entry(stored, validation, uploadedBy);
        Registry.Versions.Add(entry);
        await state.WriteStateAsync();
        logger.LogInformation("Registered model {ModelVersion} from {By} (golden-set accuracy {Accuracy:P1}, corrections held out {CorrectionsHoldoutAccuracy:P1})",
            card.Version, uploadedBy, validation.GoldenAccuracy, validation.CorrectionsHoldoutAccuracy);
        return new ModelRegistration(RegistrationStatus.Registered, entry, []);
    }

    public async Task<ModelActivation> Activate(string version, string activatedBy)
    {
        if (Find(version) is not { } entry) return new ModelActivation(ActivationStatus.UnknownVersion, version, Registry.Active, [], 0);
        var previous = Registry.Active;
        if (previous != version)
        {
            if (previous is not null) Registry.Earlier.Add(previous);
            await SwitchAsync(version, previous, ActivationAction.Activate, activatedBy);
        }
        return await PropagateAsync(entry, previous);
    }

    public async Task<ModelActivation> Rollback(string activatedBy)
    {
        var previous = Registry.Active;
        if (Registry.Earlier.Count == 0) return new ModelActivation(ActivationStatus.NothingToRollBackTo, previous, previous, [], 0);
        var version = Registry.Earlier[^1];
        Registry.Earlier.RemoveAt(Registry.Earlier.Count - 1);
        await SwitchAsync(version, previous, ActivationAction.Rollback, activatedBy);
        return await PropagateAsync(Find(version)!, previous);
    }

    public async Task<ModelRegistryView> GetRegistry()
    {
        var silos = await AskEverySiloAsync(host => host.GetStatus());
        return new ModelRegistryView(ActiveEntry.Version, Registry.Versions.ToList(), Registry.History.ToList(), silos);
    }

    private async Task SwitchAsync(string version, string? previous, ActivationAction action, string by)
    {
        Registry.Active = version;
        Registry.History.Add(new ModelActivationRecord(version, previous, action, by, DateTimeOffset.UtcNow));
        if (Registry.History.Count > options.Value.HistoryLength) Registry.History.RemoveRange(0, Registry.History.Count - options.Value.HistoryLength);
        await state.WriteStateAsync();
        logger.LogInformation("Model {ModelVersion} is now active ({Action} by {By}; was {PreviousVersion})", version, action, by, previous);
    }

    /// <summary>Tells every active silo to serve the version and waits for each to confirm, up to the timeout.</summary>
    private async Task<ModelActivation> PropagateAsync(ModelEntry entry, string? previous)
    {
        var clock = Stopwatch.StartNew();
        var info = Info(entry);
        var silos = await AskEverySiloAsync(host => host.Serve(info));
        bool complete = silos.All(s => s.Error is null && s.Version == entry.Version);
        if (!complete) logger.LogWarning("Model {ModelVersion} is active, but not every silo confirmed: {Silos}", entry.Version, silos);
        return new ModelActivation(complete ? ActivationStatus.Complete : ActivationStatus.Incomplete, entry.Version, previous, silos, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Asks every active silo's model host at once; a silo that fails or does not answer in time is reported, not thrown.</summary>
    private Task<SiloModelStatus[]> AskEverySiloAsync(Func<IModelHostService, Task<SiloModelStatus>> ask) =>
        Task.WhenAll(membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(async member =>
        {
            try
            {
                return await ask(hosts.On(member.SiloAddress)).WaitAsync(options.Value.ActivationTimeout);
            }
            catch (Exception e)
            {
                return new SiloModelStatus(member.SiloAddress.ToString(), null, 0, 0, e is TimeoutException ? "did not answer within the activation timeout" : e.Message);
            }
        }));

    private ModelEntry ActiveEntry => Find(Registry.Active!) ?? throw new InvalidOperationException($"The active version {Registry.Active} is not registered.");

    private ModelEntry? Find(string version) => Registry.Versions.FirstOrDefault(v => v.Version == version);

    // Every silo asks for the active version every few seconds, and versioned /v2 calls on each request: a
    // registered version never changes, so its card is parsed once per activation of this grain.
    private ModelVersionInfo Info(ModelEntry entry)
    {
        if (!_infos.TryGetValue(entry.Version, out var info))
            _infos[entry.Version] = info = new(entry.Version, entry.Sha256, ModelCard.Parse(System.Text.Encoding.UTF8.GetBytes(entry.CardJson)).Classes);
        return info;
    }

    private static ModelEntry Entry(ModelPackage package, ModelValidation validation, string by) =>
        new(validation.Card!.Version, ModelCard.HashOf(package.Onnx), package.Onnx.LongLength, package.CardJson, by, DateTimeOffset.UtcNow, validation.GoldenAccuracy);
}
