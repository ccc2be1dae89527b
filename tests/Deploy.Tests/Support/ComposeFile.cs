using YamlDotNet.RepresentationModel;

namespace MathCluster.Deploy.Tests.Support;

/// <summary>One service of deploy/compose.yaml, after the x-* anchors are merged in.</summary>
public sealed class ComposeService(string name, YamlMappingNode node)
{
    public string Name { get; } = name;

    public YamlMappingNode Node { get; } = node;

    public string Image => Node.Str("image");

    /// <summary>The environment, which these files write as a mapping (not the list form).</summary>
    public IReadOnlyDictionary<string, string> Environment => Node.StringMap("environment");

    public YamlMappingNode? Build => Node.Optional("build") as YamlMappingNode;

    /// <summary>depends_on in its long form: service name → condition.</summary>
    public IReadOnlyDictionary<string, string> DependsOn =>
        Node.Optional("depends_on") is YamlMappingNode map
            ? map.Children.ToDictionary(p => p.Key.Scalar(), p => p.Value.Str("condition"))
            : new Dictionary<string, string>();

    public YamlMappingNode? Healthcheck => Node.Optional("healthcheck") as YamlMappingNode;

    /// <summary>The healthcheck command in its exec form, without the leading "CMD".</summary>
    public IReadOnlyList<string> HealthcheckCommand
    {
        get
        {
            var test = Healthcheck?.Seq("test").Select(t => t.Scalar()).ToList() ?? throw new InvalidDataException($"{Name} has no healthcheck");
            Assert.Equal("CMD", test[0]);
            return test[1..];
        }
    }

    /// <summary>Published ports as (host address, host port, container port), from the "ip:host:container" form.</summary>
    public IReadOnlyList<(string HostIp, int HostPort, int ContainerPort)> PublishedPorts =>
        Node.OptionalSeq("ports").Select(p =>
        {
            var parts = p.Scalar().Split(':');
            Assert.True(parts.Length == 3, $"{Name}: publish ports as \"ip:host:container\" so the host address is explicit, not '{p.Scalar()}'");
            return (parts[0], int.Parse(parts[1]), int.Parse(parts[2]));
        }).ToList();
}

/// <summary>deploy/compose.yaml.</summary>
public static class ComposeFile
{
    public const string RelativePath = "deploy/compose.yaml";

    public static YamlMappingNode Root { get; } = YamlFile.LoadSingle(RelativePath);

    public static IReadOnlyList<ComposeService> Services { get; } =
        Root.Map("services").Children.Select(p => new ComposeService(p.Key.Scalar(), (YamlMappingNode)p.Value)).ToList();

    public static ComposeService Service(string name) => Assert.Single(Services, s => s.Name == name);

    /// <summary>The services that run an app's image.</summary>
    public static IReadOnlyList<ComposeService> ServicesOf(DeployedApp app) =>
        Services.Where(s => s.Image == app.Image).ToList();

    /// <summary>A path of the compose file (build context) as a repository-relative path, "" for the root.</summary>
    public static string FromComposeFolder(string path)
    {
        var full = Path.GetFullPath(Path.Combine(MathCluster.TestSupport.RepositoryRoot.Path, "deploy", path));
        var relative = Path.GetRelativePath(MathCluster.TestSupport.RepositoryRoot.Path, full).Replace('\\', '/');
        return relative == "." ? "" : relative;
    }
}
