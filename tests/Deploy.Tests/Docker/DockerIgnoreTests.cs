using MathCluster.Deploy.Tests.Support;

namespace MathCluster.Deploy.Tests.Docker;

/// <summary>.dockerignore keeps build output and repository data out of the images' build context.</summary>
public class DockerIgnoreTests
{
    [Theory]
    [InlineData("silo/bin/Release/net10.0/MathCluster.Silo.dll")]
    [InlineData("grains/Grains/obj/project.assets.json")]
    [InlineData("web/obj/Release/net10.0/MathCluster.Web.dll")]
    [InlineData(".git/HEAD")]
    [InlineData("tests/Web.Tests/Web.Tests.csproj")]
    [InlineData("trainer/Trainer.csproj")]
    public void DockerIgnore_BuildOutputAndOtherParts_StayOut(string path) =>
        Assert.True(DockerIgnore.Load().Excludes(path), path);

    [Theory]
    [InlineData("silo/Program.cs")]
    [InlineData("web/wwwroot/index.html")]
    [InlineData("grains/Recognition/DefaultModel/recognizer.onnx")]
    [InlineData("Directory.Packages.props")]
    [InlineData("build/LibTorchSharpGlibcxxFix.targets")]
    public void DockerIgnore_SourcesTheImagesBuildFrom_StayIn(string path) =>
        Assert.False(DockerIgnore.Load().Excludes(path), path);
}
