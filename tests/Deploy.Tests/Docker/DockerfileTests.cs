using System.Xml.Linq;
using MathCluster.Deploy.Tests.Support;
using MathCluster.Hosting.Health;
using MathCluster.Hosting.Options;
using MathCluster.TestSupport;

namespace MathCluster.Deploy.Tests.Docker;

/// <summary>deploy/docker/*.Dockerfile checked against the projects they publish (no Docker needed).</summary>
public class DockerfileTests
{
    private const string RestoreCommand = "dotnet restore";
    private const string PublishCommand = "dotnet publish";

    /// <summary>The files every project build reads besides the project's own folder.</summary>
    private static readonly string[] RepositoryBuildFiles = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"];

    [Theory]
    [MemberData(nameof(DeployedApp.Names), MemberType = typeof(DeployedApp))]
    public void Images_DotnetVersion_IsTheOneTheProjectsTarget(string name)
    {
        var dockerfile = DeployedApp.Named(name).Dockerfile;
        var version = TargetDotnetVersion();

        Assert.Equal($"mcr.microsoft.com/dotnet/sdk:{version}", dockerfile.BaseImage(0));
        Assert.Contains(dockerfile.BaseImage(dockerfile.FinalStage),
            new[] { $"mcr.microsoft.com/dotnet/aspnet:{version}", $"mcr.microsoft.com/dotnet/runtime:{version}" });
    }

    [Theory]
    [MemberData(nameof(DeployedApp.Names), MemberType = typeof(DeployedApp))]
    public void RuntimeImage_SharedFrameworks_AreTheOnesTheAppNeeds(string name)
    {
        var app = DeployedApp.Named(name);
        var needsAspNetCore = app.Project.NeedsAspNetCore() || SharedFramework.NeedsAspNetCore(app.CodeAssembly);
        var runtimeImage = app.Dockerfile.BaseImage(app.Dockerfile.FinalStage);

        if (needsAspNetCore)
            Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", runtimeImage);
    }

    [Theory]
    [MemberData(nameof(DeployedApp.Names), MemberType = typeof(DeployedApp))]
    public void Entrypoint_Assembly_IsTheOneTheProjectBuilds(string name)
    {
        var app = DeployedApp.Named(name);

        Assert.Equal(["dotnet", app.Project.AssemblyName + ".dll"], app.Dockerfile.Entrypoint);
    }

    [Theory]
    [MemberData(nameof(DeployedApp.Names), MemberType = typeof(DeployedApp))]
    public void RestoreAndPublish_Project_IsTheAppsProject(string name)
    {
        var app = DeployedApp.Named(name);
        var runs = app.Dockerfile.All("RUN").Select(r => r.Arguments).ToList();

        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, app.ProjectPath)));
        Assert.Contains(runs, r => r.StartsWith($"{RestoreCommand} {app.ProjectPath} ", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.StartsWith($"{PublishCommand} {app.ProjectPath} ", StringComparison.Ordinal) && r.Contains("-c Release"));
    }

    [Theory]
    [MemberData(nameof(DeployedApp.Names), MemberType = typeof(DeployedApp))]
    public void Copy_EveryPath_ExistsAndIsInTheBuildContext(string name)
    {
        var ignore = DockerIgnore.Load();
        var sources = DeployedApp.Named(name).Dockerfile.ContextCopies().SelectMany(c => c.Sources).ToList();

        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            var path = Path.Combine(RepositoryRoot.Path, source);
            Assert.True(File.Exists(path) || Directory.Exists(path), $"COPY {source}: not in the repository");
            Assert.False(ignore.Excludes(source), $"COPY {source}: .dockerignore leaves it out of the build context");
        }
    }

    [Theory]
    [MemberData(nameof(DeployedApp.Names), MemberType = typeof(DeployedApp))]
    public void RestoreLayer_Files_AreEveryProjectFileAndTheBuildFilesTheyImport(string name)
    {
        var dockerfile = DeployedApp.Named(name).Dockerfile;
        var restore = RestoreIndex(dockerfile);
        var copiedBeforeRestore = dockerfile.ContextCopies().Where(c => c.Index < restore).SelectMany(c => c.Sources).ToList();

        var needed = DeployedApp.Named(name).Project.Closure().Select(p => p.RelativePath)
            .Concat(RepositoryBuildFiles)
            .Concat(RepositoryBuildFiles.SelectMany(ImportedFiles));
        foreach (var file in needed)
            Assert.True(copiedBeforeRestore.Any(source => Covers(source, file)), $"{file} is not copied before `{RestoreCommand}`");
    }

    [Theory]
    [MemberData(nameof(DeployedApp.Names), MemberType = typeof(DeployedApp))]
    public void Publish_EveryProjectFolder_IsCopiedBefore(string name)
    {
        var app = DeployedApp.Named(name);
        var publish = app.Dockerfile.IndexOf(app.Dockerfile.All("RUN").Single(r => r.Arguments.StartsWith(PublishCommand, StringComparison.Ordinal)));
        var copied = app.Dockerfile.ContextCopies().Where(c => c.Index < publish).SelectMany(c => c.Sources).ToList();

        foreach (var project in app.Project.Closure())
            Assert.True(copied.Any(source => CoversFolder(source, project.Directory)), $"{project.Directory}/ is not copied before `{PublishCommand}`");
    }

    [Theory]
    [MemberData(nameof(DeployedApp.Names), MemberType = typeof(DeployedApp))]
    public void EmbeddedResources_BuildContext_HasThem(string name)
    {
        var ignore = DockerIgnore.Load();
        var resources = DeployedApp.Named(name).Project.Closure()
            .SelectMany(p => XDocument.Load(Path.Combine(RepositoryRoot.Path, p.RelativePath)).Descendants("EmbeddedResource")
                .Select(e => p.Directory + "/" + e.Attribute("Include")!.Value))
            .ToList();

        // The default model is embedded in Recognition; an image without it could not serve.
        Assert.Contains(resources, r => r.EndsWith(".onnx", StringComparison.Ordinal));
        foreach (var resource in resources)
        {
            Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, resource)), resource);
            Assert.False(ignore.Excludes(resource), $"{resource} is left out by .dockerignore");
        }
    }

    [Theory]
    [MemberData(nameof(DeployedApp.Names), MemberType = typeof(DeployedApp))]
    public void App_User_IsNotRoot(string name)
    {
        var dockerfile = DeployedApp.Named(name).Dockerfile;
        var user = dockerfile.All("USER").LastOrDefault(u => u.Stage == dockerfile.FinalStage)?.Arguments;

        Assert.NotNull(user);
        Assert.DoesNotContain(user.Split(':')[0], new[] { "root", "0" });
    }

    [Theory]
    [MemberData(nameof(DeployedApp.Names), MemberType = typeof(DeployedApp))]
    public void Apps_LibTorchSharpPatch_IsNotNeeded(string name)
    {
        // build/LibTorchSharpGlibcxxFix.targets patches TorchSharp's native library for the trainer only.
        var packages = DeployedApp.Named(name).Project.Closure().SelectMany(p => p.PackageReferences);

        Assert.DoesNotContain(packages, p => p.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void SiloImage_Expose_IsTheSiloGatewayAndHealthPorts()
    {
        var dockerfile = DeployedApp.Silo.Dockerfile;
        var healthPort = int.Parse(dockerfile.Environment()[ConfigurationContract.EnvironmentName(ConfigurationContract.ClusterKey(nameof(ClusterOptions.HealthPort)))]);

        Assert.Equal(new HashSet<int> { new ClusterOptions().SiloPort, new ClusterOptions().GatewayPort, healthPort }, dockerfile.ExposedPorts);
    }

    [Fact]
    public void WebImage_Expose_IsTheListeningPort()
    {
        var dockerfile = DeployedApp.Web.Dockerfile;
        var port = Urls.Port(dockerfile.Environment()["ASPNETCORE_URLS"]);

        Assert.Equal(new HashSet<int> { port }, dockerfile.ExposedPorts);
    }

    [Theory]
    [MemberData(nameof(DeployedApp.Names), MemberType = typeof(DeployedApp))]
    public void Image_Environment_SetsOnlySettingsTheAppReads(string name)
    {
        var app = DeployedApp.Named(name);

        foreach (var variable in app.Dockerfile.Environment().Keys)
            Assert.True(app.ReadsVariable(variable) || variable == BaseImageHttpPorts, $"{app.DockerfilePath}: ENV {variable} is read by no code of the {name}");
    }

    /// <summary>The aspnet base image's default listening port, which the images clear or replace.</summary>
    private const string BaseImageHttpPorts = "ASPNETCORE_HTTP_PORTS";

    private static int RestoreIndex(Dockerfile dockerfile) =>
        dockerfile.IndexOf(dockerfile.All("RUN").Single(r => r.Arguments.StartsWith(RestoreCommand, StringComparison.Ordinal)));

    /// <summary>Whether COPY of <paramref name="source"/> brings <paramref name="file"/> along (itself, or a folder above it).</summary>
    private static bool Covers(string source, string file)
    {
        var folder = source.TrimEnd('/');
        return source == file || folder == "." || file.StartsWith(folder + "/", StringComparison.Ordinal);
    }

    /// <summary>Whether COPY of <paramref name="source"/> brings the whole <paramref name="folder"/> along.</summary>
    private static bool CoversFolder(string source, string folder)
    {
        var copied = source.TrimEnd('/');
        return copied == "." || folder == copied || folder.StartsWith(copied + "/", StringComparison.Ordinal);
    }

    /// <summary>Repository files a build file imports with $(MSBuildThisFileDirectory).</summary>
    private static IEnumerable<string> ImportedFiles(string buildFile) =>
        XDocument.Load(Path.Combine(RepositoryRoot.Path, buildFile)).Descendants("Import")
            .Select(i => i.Attribute("Project")!.Value)
            .Where(p => p.StartsWith("$(MSBuildThisFileDirectory)", StringComparison.Ordinal))
            .Select(p => p["$(MSBuildThisFileDirectory)".Length..]);

    private static string TargetDotnetVersion()
    {
        var framework = XDocument.Load(Path.Combine(RepositoryRoot.Path, "Directory.Build.props")).Descendants("TargetFramework").Single().Value;
        Assert.StartsWith("net", framework);
        return framework["net".Length..];
    }
}
