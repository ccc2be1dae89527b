using MathCluster.TestSupport;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MathCluster.Deploy.Tests.Support;

/// <summary>The documents of a YAML file of the repository, with anchors and merge keys (&lt;&lt;) resolved as compose does.</summary>
public static class YamlFile
{
    public static IReadOnlyList<YamlMappingNode> Load(string relativePath)
    {
        using var reader = new StreamReader(Path.Combine(RepositoryRoot.Path, relativePath));
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(reader)));
        return stream.Documents
            .Where(d => d.RootNode is not YamlScalarNode { Value: null or "" })
            .Select(d => d.RootNode as YamlMappingNode
                         ?? throw new InvalidDataException($"{relativePath}: a document is not a mapping"))
            .ToList();
    }

    public static YamlMappingNode LoadSingle(string relativePath) =>
        Assert.Single(Load(relativePath));
}
