using YamlDotNet.RepresentationModel;

namespace MathCluster.Deploy.Tests.Support;

/// <summary>A container of a pod template: image, ports, environment and probes.</summary>
public sealed class Container(YamlMappingNode node)
{
    public YamlMappingNode Node { get; } = node;

    public string Name => Node.Str("name");

    public string Image => Node.Str("image");

    /// <summary>Container ports by name.</summary>
    public IReadOnlyDictionary<string, int> Ports =>
        Node.OptionalSeq("ports").ToDictionary(p => p.Str("name"), p => p.Int("containerPort"));

    /// <summary>The environment entries in order (order matters: $(VAR) expands only variables defined above it).</summary>
    public IReadOnlyList<YamlMappingNode> EnvEntries => Node.OptionalSeq("env").Cast<YamlMappingNode>().ToList();

    public IReadOnlyList<string> EnvNames => EnvEntries.Select(e => e.Str("name")).ToList();

    public YamlMappingNode Env(string name) => Assert.Single(EnvEntries, e => e.Str("name") == name);

    /// <summary>A literal env value; fails when the variable is missing or comes from elsewhere (valueFrom).</summary>
    public string EnvValue(string name) => Env(name).Str("value");

    /// <summary>Variables that other variables' values expand as $(NAME): carriers such as a Secret's password.</summary>
    public IReadOnlySet<string> ExpandedNames => EnvEntries
        .Select(e => e.OptionalStr("value")).OfType<string>()
        .SelectMany(v => System.Text.RegularExpressions.Regex.Matches(v, @"\$\(([A-Za-z_][A-Za-z0-9_]*)\)").Select(m => m.Groups[1].Value))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The fieldPath of a downward-API variable.</summary>
    public string EnvFieldPath(string name) => Env(name).Map("valueFrom").Map("fieldRef").Str("fieldPath");

    public YamlMappingNode Probe(string kind) => Node.Map(kind);

    public string ProbePath(string kind) => Probe(kind).Map("httpGet").Str("path");

    /// <summary>The container port a probe calls, with a named port resolved to its number.</summary>
    public int ProbePort(string kind) => ResolvePort(Probe(kind).Map("httpGet").Str("port"));

    public int ResolvePort(string nameOrNumber) =>
        int.TryParse(nameOrNumber, out var number) ? number
        : Ports.TryGetValue(nameOrNumber, out var port) ? port
        : throw new KeyNotFoundException($"container {Name} has no port named '{nameOrNumber}'");
}
