using System.Text.RegularExpressions;
using MathCluster.TestSupport;

namespace MathCluster.Deploy.Tests;

/// <summary>deploy/README.md points at files that exist.</summary>
public class DeployGuideTests
{
    [Fact]
    public void DeployGuide_EveryPathItNames_Exists()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "README.md"));
        // Files only: "deploy/web" in `kubectl scale deploy/web` is a Kubernetes object, not a path.
        var paths = Regex.Matches(guide, @"deploy/[\w/-]+\.\w+").Select(m => m.Value).Distinct().ToList();

        Assert.NotEmpty(paths);
        foreach (var path in paths)
            Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, path)) || Directory.Exists(Path.Combine(RepositoryRoot.Path, path)), $"deploy/README.md names {path}, which does not exist");
    }
}
