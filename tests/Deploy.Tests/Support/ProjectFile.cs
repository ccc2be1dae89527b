using System.Xml.Linq;
using MathCluster.TestSupport;

namespace MathCluster.Deploy.Tests.Support;

/// <summary>What a .csproj of the repository says about itself: its assembly, SDK, references.</summary>
public sealed class ProjectFile
{
    private readonly XDocument _xml;

    private ProjectFile(string relativePath)
    {
        RelativePath = Normalize(relativePath);
        _xml = XDocument.Load(Path.Combine(RepositoryRoot.Path, RelativePath));
    }

    /// <summary>Repository-relative, with forward slashes (as a Dockerfile names it).</summary>
    public string RelativePath { get; }

    public string Directory => Path.GetDirectoryName(RelativePath)!.Replace('\\', '/');

    public string Sdk => _xml.Root!.Attribute("Sdk")?.Value ?? "";

    public string AssemblyName =>
        _xml.Descendants("AssemblyName").Select(e => e.Value).LastOrDefault() ?? Path.GetFileNameWithoutExtension(RelativePath);

    public IEnumerable<string> PackageReferences => Items("PackageReference");

    public IEnumerable<string> FrameworkReferences => Items("FrameworkReference");

    public IEnumerable<ProjectFile> ProjectReferences =>
        Items("ProjectReference").Select(include => Open(Path.Combine(Directory, include)));

    /// <summary>This project and every project it references, directly or not.</summary>
    public IReadOnlyList<ProjectFile> Closure()
    {
        var seen = new Dictionary<string, ProjectFile>(StringComparer.Ordinal);
        var pending = new Stack<ProjectFile>([this]);
        while (pending.TryPop(out var project))
        {
            if (!seen.TryAdd(project.RelativePath, project)) continue;
            foreach (var reference in project.ProjectReferences) pending.Push(reference);
        }
        return seen.Values.ToList();
    }

    /// <summary>Whether running this project needs the ASP.NET Core shared framework (so an aspnet base image).</summary>
    public bool NeedsAspNetCore() =>
        Closure().Any(p => p.Sdk == "Microsoft.NET.Sdk.Web" || p.FrameworkReferences.Contains("Microsoft.AspNetCore.App"));

    public static ProjectFile Open(string relativePath) => new(relativePath);

    private IEnumerable<string> Items(string name) =>
        _xml.Descendants(name).Select(e => e.Attribute("Include")?.Value).OfType<string>();

    private static string Normalize(string path)
    {
        var full = Path.GetFullPath(Path.Combine(RepositoryRoot.Path, path));
        return Path.GetRelativePath(RepositoryRoot.Path, full).Replace('\\', '/');
    }
}
