using YamlDotNet.RepresentationModel;

namespace MathCluster.Deploy.Tests.Support;

/// <summary>A Deployment's selector, pod template and containers.</summary>
public sealed class Workload(KubernetesObject deployment)
{
    public KubernetesObject Object { get; } = deployment;

    public string Name => Object.Name;

    public int Replicas => Object.Spec.Int("replicas");

    public IReadOnlyDictionary<string, string> Selector => Object.Spec.Map("selector").StringMap("matchLabels");

    public YamlMappingNode Template => Object.Spec.Map("template");

    public IReadOnlyDictionary<string, string> PodLabels => Template.Map("metadata").StringMap("labels");

    public YamlMappingNode PodSpec => Template.Map("spec");

    public IReadOnlyList<Container> Containers => PodSpec.Seq("containers").Select(c => new Container((YamlMappingNode)c)).ToList();

    public Container Container(string name) => Assert.Single(Containers, c => c.Name == name);

    /// <summary>Whether a label selector picks this workload's pods.</summary>
    public bool PodsMatch(IReadOnlyDictionary<string, string> selector) =>
        selector.Count > 0 && selector.All(s => PodLabels.TryGetValue(s.Key, out var value) && value == s.Value);
}
