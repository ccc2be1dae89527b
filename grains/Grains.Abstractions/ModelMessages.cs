using System.Text.Json.Serialization;

namespace MathCluster.Grains;

[GenerateSerializer, Immutable, Alias("MathCluster.ModelVersionInfo")]
public sealed record ModelVersionInfo(
    [property: Id(0)] string Version,
    [property: Id(1)] string Sha256,
    [property: Id(2)] IReadOnlyList<string> Classes);

/// <summary>An ONNX model and its model card (JSON), as uploaded.</summary>
[GenerateSerializer, Immutable, Alias("MathCluster.ModelPackage")]
public sealed record ModelPackage([property: Id(0)] byte[] Onnx, [property: Id(1)] string CardJson);

/// <summary>A registered version: its card, who uploaded it and how it scored on the golden set.</summary>
[GenerateSerializer, Immutable, Alias("MathCluster.ModelEntry")]
public sealed record ModelEntry(
    [property: Id(0)] string Version,
    [property: Id(1)] string Sha256,
    [property: Id(2)] long SizeBytes,
    [property: Id(3)] string CardJson,
    [property: Id(4)] string UploadedBy,
    [property: Id(5)] DateTimeOffset UploadedAt,
    [property: Id(6)] double GoldenAccuracy);

public enum RegistrationStatus
{
    Registered,
    /// <summary>The same version with the same bytes was registered before; nothing changed.</summary>
    AlreadyRegistered,
    /// <summary>The version name is taken by a different model.</summary>
    Conflict,
    /// <summary>The model failed validation; the reasons say why.</summary>
    Rejected,
}

[GenerateSerializer, Immutable, Alias("MathCluster.ModelRegistration")]
public sealed record ModelRegistration(
    [property: Id(0)] RegistrationStatus Status,
    [property: Id(1)] ModelEntry? Entry,
    [property: Id(2)] IReadOnlyList<string> Reasons);

/// <summary>What made a version active; JSON names stay the lower-case words the history always showed.</summary>
public enum ActivationAction
{
    /// <summary>The first silo seeded an empty registry with its startup model.</summary>
    [JsonStringEnumMemberName("start")] Start,
    [JsonStringEnumMemberName("activate")] Activate,
    [JsonStringEnumMemberName("rollback")] Rollback,
    /// <summary>A silo of a newer build brought its built-in default in, replacing an older built-in default.</summary>
    [JsonStringEnumMemberName("upgrade")] Upgrade,
}

/// <summary>One activation or rollback, for the history.</summary>
[GenerateSerializer, Immutable, Alias("MathCluster.ModelActivationRecord")]
public sealed record ModelActivationRecord(
    [property: Id(0)] string Version,
    [property: Id(1)] string? PreviousVersion,
    // Id 2 held the action as a string before it was an enum; a new id lets stored histories still load.
    [property: Id(5)] ActivationAction Action,
    [property: Id(3)] string By,
    [property: Id(4)] DateTimeOffset At);

/// <summary>What one silo serves; Error is set when it could not load or could not be reached.</summary>
[GenerateSerializer, Immutable, Alias("MathCluster.SiloModelStatus")]
public sealed record SiloModelStatus(
    [property: Id(0)] string Silo,
    [property: Id(1)] string? Version,
    [property: Id(2)] long SessionId,
    [property: Id(3)] int SessionsAlive,
    [property: Id(4)] string? Error);

public enum ActivationStatus
{
    /// <summary>Every silo serves the version.</summary>
    Complete,
    /// <summary>The version is active, but some silos did not confirm within the timeout; they catch up on their own.</summary>
    Incomplete,
    UnknownVersion,
    /// <summary>Rollback with no earlier version.</summary>
    NothingToRollBackTo,
}

[GenerateSerializer, Immutable, Alias("MathCluster.ModelActivation")]
public sealed record ModelActivation(
    [property: Id(0)] ActivationStatus Status,
    [property: Id(1)] string? Version,
    [property: Id(2)] string? PreviousVersion,
    [property: Id(3)] IReadOnlyList<SiloModelStatus> Silos,
    [property: Id(4)] double ElapsedMilliseconds);

[GenerateSerializer, Immutable, Alias("MathCluster.ModelRegistryView")]
public sealed record ModelRegistryView(
    [property: Id(0)] string ActiveVersion,
    [property: Id(1)] IReadOnlyList<ModelEntry> Versions,
    [property: Id(2)] IReadOnlyList<ModelActivationRecord> History,
    [property: Id(3)] IReadOnlyList<SiloModelStatus> Silos);
