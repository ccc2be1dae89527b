using YamlDotNet.RepresentationModel;

namespace MathCluster.Deploy.Tests.Support;

/// <summary>
/// Reading a parsed YAML tree by key. The getters without "Optional" fail the test with the path that was
/// missing, so a removed field reads as such instead of as a null reference.
/// </summary>
public static class YamlNodeExtensions
{
    public static YamlNode? Optional(this YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static YamlNode Get(this YamlNode node, string key) =>
        node.Optional(key) ?? throw new KeyNotFoundException($"'{key}' missing at line {node.Start.Line}: {Describe(node)}");

    public static YamlMappingNode Map(this YamlNode node, string key) =>
        node.Get(key) as YamlMappingNode ?? throw new InvalidDataException($"'{key}' at line {node.Start.Line} is not a mapping");

    public static IReadOnlyList<YamlNode> Seq(this YamlNode node, string key) =>
        node.Get(key) is YamlSequenceNode seq ? seq.Children.ToList() : throw new InvalidDataException($"'{key}' at line {node.Start.Line} is not a sequence");

    public static IReadOnlyList<YamlNode> OptionalSeq(this YamlNode node, string key) =>
        node.Optional(key) is YamlSequenceNode seq ? seq.Children.ToList() : [];

    public static string Str(this YamlNode node, string key) =>
        node.Get(key).Scalar();

    public static string? OptionalStr(this YamlNode node, string key) =>
        node.Optional(key) is YamlScalarNode scalar ? scalar.Value : null;

    public static int Int(this YamlNode node, string key) => int.Parse(node.Str(key));

    public static string Scalar(this YamlNode node) =>
        node is YamlScalarNode { Value: { } value } ? value : throw new InvalidDataException($"line {node.Start.Line} is not a scalar");

    /// <summary>A mapping of scalars (labels, selectors, compose environment) as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> StringMap(this YamlNode node, string key) =>
        node.Optional(key) is YamlMappingNode map
            ? map.Children.ToDictionary(p => p.Key.Scalar(), p => p.Value is YamlScalarNode { Value: var v } ? v ?? "" : throw new InvalidDataException($"'{p.Key}' is not a scalar"))
            : new Dictionary<string, string>();

    private static string Describe(YamlNode node)
    {
        var text = node.ToString();
        return text.Length <= 160 ? text : text[..160] + "…";
    }
}
