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
    public void Images_use_the_dotnet_version_the_projects_target(string name)
    {
        var dockerfile = DeployedApp.Named(name).Dockerfile;
        var version = TargetDotnetVersion();

        Assert.Equal($"mcr.microsoft.com/dotnet/sdk:{version}", dockerfile.BaseImage(0));
        Assert.Contains(dockerfile.BaseImage(dockerfile.FinalStage),
            new[] { $"mcr.microsoft.com/dotnet/aspnet:{version}", $"mcr.microsoft.com/dotnet/runtime:{version}" });
    }

    [Theory]
    [MemberData(nameof(DeployedApp.Names), MemberType = typeof(DeployedApp))]
    public void The_runtime_image_has_the_shared_frameworks_the_app_needs(string name)
    {
        var app = DeployedApp.Named(name);
        var needsAspNetCore = app.Project.NeedsAspNetCore() || SharedFramework.NeedsAspNetCore(app.CodeAssembly);
        var runtimeImage = app.Dockerfile.BaseImage(app.Dockerfile.FinalStage);

        if (needsAspNetCore)
            Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", runtimeImage);
    }

    [Theory]
    [MemberData(nameof(DeployedApp.Names), MemberType = typeof(DeployedApp))]
    public void The_entrypoint_runs_the_assembly_the_project_builds(string name)
    {
        var app = DeployedApp.Named(name);

        Assert.Equal(["dotnet", app.Project.AssemblyName + ".dll"], app.Dockerfile.Entrypoint);
    }

    [Theory]
    [MemberData(nameof(DeployedApp.Names), MemberType = typeof(DeployedApp))]
    public void Restore_and_publish_name_the_apps_project(string name)
    {
        var app = DeployedApp.Named(name);
        var runs = app.Dockerfile.All("RUN").Select(r => r.Arguments).ToList();

        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, app.ProjectPath)));
        Assert.Contains(runs, r => r.StartsWith($"{RestoreCommand} {app.ProjectPath} ", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.StartsWith($"{PublishCommand} {app.ProjectPath} ", StringComparison.Ordinal) && r.Contains("-c Release"));
    }

    [Theory]
    [MemberData(nameof(DeployedApp.Names), MemberType = typeof(DeployedApp))]
    public void Every_copied_path_exists_and_is_in_the_build_context(string name)
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
    public void The_restore_layer_has_every_project_file_and_the_build_files_they_import(string name)
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
    public void Every_project_folder_is_copied_before_publishing(string name)
    {
        var app = DeployedApp.Named(name);
        var publish = app.Dockerfile.IndexOf(app.Dockerfile.All("RUN").Single(r => r.Arguments.StartsWith(PublishCommand, StringComparison.Ordinal)));
        var copied = app.Dockerfile.ContextCopies().Where(c => c.Index < publish).SelectMany(c => c.Sources).ToList();

        foreach (var project in app.Project.Closure())
            Assert.True(copied.Any(source => CoversFolder(source, project.Directory)), $"{project.Directory}/ is not copied before `{PublishCommand}`");
    }

    [Theory]
    [MemberData(nameof(DeployedApp.Names), MemberType = typeof(DeployedApp))]
    public void Embedded_resources_reach_the_build_context(string name)
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
    public void The_app_runs_as_a_non_root_user(string name)
    {
        var dockerfile = DeployedApp.Named(name).Dockerfile;
        var user = dockerfile.All("USER").LastOrDefault(u => u.Stage == dockerfile.FinalStage)?.Arguments;

        Assert.NotNull(user);
        Assert.DoesNotContain(user.Split(':')[0], new[] { "root", "0" });
    }

    [Theory]
    [MemberData(nameof(DeployedApp.Names), MemberType = typeof(DeployedApp))]
    public void The_apps_do_not_need_the_LibTorchSharp_patch(string name)
    {
        // build/LibTorchSharpGlibcxxFix.targets patches TorchSharp's native library for the trainer only.
        var packages = DeployedApp.Named(name).Project.Closure().SelectMany(p => p.PackageReferences);

        Assert.DoesNotContain(packages, p => p.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_silo_image_exposes_the_silo_gateway_and_health_ports()
    {
        var dockerfile = DeployedApp.Silo.Dockerfile;
        var healthPort = int.Parse(dockerfile.Environment()[ConfigurationContract.EnvironmentName(ConfigurationContract.ClusterKey(nameof(ClusterOptions.HealthPort)))]);

        Assert.Equal(new HashSet<int> { new ClusterOptions().SiloPort, new ClusterOptions().GatewayPort, healthPort }, dockerfile.ExposedPorts);
    }

    [Fact]
    public void The_web_image_exposes_the_port_it_listens_on()
    {
        var dockerfile = DeployedApp.Web.Dockerfile;
        var port = Urls.Port(dockerfile.Environment()["ASPNETCORE_URLS"]);

        Assert.Equal(new HashSet<int> { port }, dockerfile.ExposedPorts);
    }

    [Theory]
    [MemberData(nameof(DeployedApp.Names), MemberType = typeof(DeployedApp))]
    public void The_image_sets_only_settings_the_app_reads(string name)
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
