namespace MathCluster.Grains;

[GenerateSerializer, Immutable]
public sealed record ModelVersionInfo(
    [property: Id(0)] string Version,
    [property: Id(1)] string Sha256,
    [property: Id(2)] IReadOnlyList<string> Classes);
