using MathCluster.TestSupport;
using YamlDotNet.RepresentationModel;

namespace MathCluster.Deploy.Tests.Support;

/// <summary>One object of deploy/k8s and the file it came from.</summary>
public sealed record KubernetesObject(string File, YamlMappingNode Node)
{
    public string Kind => Node.Str("kind");
    public string ApiVersion => Node.Str("apiVersion");
    public string Name => Node.Map("metadata").Str("name");
    public string? Namespace => Node.Map("metadata").OptionalStr("namespace");
    public YamlMappingNode Spec => Node.Map("spec");
}

/// <summary>Every object in deploy/k8s (each document of each .yaml file but the kustomization).</summary>
public static class KubernetesManifests
{
    public const string Folder = "deploy/k8s";
    public const string KustomizationFile = "kustomization.yaml";

    public static IReadOnlyList<string> Files { get; } =
        Directory.GetFiles(Path.Combine(RepositoryRoot.Path, Folder), "*.yaml")
            .Select(Path.GetFileName).OfType<string>()
            .Where(f => f != KustomizationFile)
            .Order(StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<KubernetesObject> Objects { get; } =
        Files.SelectMany(f => YamlFile.Load($"{Folder}/{f}").Select(node => new KubernetesObject(f, node))).ToList();

    public static IEnumerable<KubernetesObject> OfKind(string kind) => Objects.Where(o => o.Kind == kind);

    public static KubernetesObject Get(string kind, string name) =>
        Assert.Single(Objects, o => o.Kind == kind && o.Name == name);

    public static Workload Deployment(string name) => new(Get("Deployment", name));

    public static IEnumerable<Workload> Deployments => OfKind("Deployment").Select(o => new Workload(o));

    public static YamlMappingNode Kustomization => YamlFile.LoadSingle($"{Folder}/{KustomizationFile}");
}
