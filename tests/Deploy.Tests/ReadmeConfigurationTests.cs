using System.Reflection;
using MathCluster.Hosting;
using MathCluster.TestSupport;

namespace MathCluster.Deploy.Tests;

/// <summary>README's configuration table follows the options classes: every setting a host binds is documented.</summary>
public class ReadmeConfigurationTests
{
    public static TheoryData<string> SettingKeys => [.. ClusterDefaults.SettingsAreas
        .SelectMany(area => area.Value.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => $"{area.Key}:{p.Name}"))];

    [Theory]
    [MemberData(nameof(SettingKeys))]
    public void Readme_DocumentsEverySetting(string key)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        Assert.Contains($"`{key}`", readme);
    }
}
