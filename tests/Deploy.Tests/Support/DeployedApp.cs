using System.Reflection;

namespace MathCluster.Deploy.Tests.Support;

/// <summary>One of the two images this repository builds: its project, its Dockerfile and the settings it reads.</summary>
/// <param name="CodeAssembly">An assembly loaded here whose references stand for the app's (the silo's own exe is not referenced).</param>
public sealed record DeployedApp(string Name, string ProjectPath, string DockerfilePath, Func<string, bool> ReadsVariable, Assembly CodeAssembly)
{
    public static DeployedApp Silo { get; } =
        new("silo", "silo/Silo.csproj", "deploy/docker/silo.Dockerfile", ConfigurationContract.IsKnownSiloVariable, typeof(MathCluster.Hosting.ClusterDefaults).Assembly);

    public static DeployedApp Web { get; } =
        new("web", "web/Web.csproj", "deploy/docker/web.Dockerfile", ConfigurationContract.IsKnownWebVariable, typeof(MathCluster.Web.Admin.AdminToken).Assembly);

    public static DeployedApp Named(string name) => name switch
    {
        "silo" => Silo,
        "web" => Web,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>Theory data: the name of each app.</summary>
    public static TheoryData<string> Names => ["silo", "web"];

    public ProjectFile Project => ProjectFile.Open(ProjectPath);

    public Dockerfile Dockerfile => Dockerfile.Load(DockerfilePath);

    /// <summary>The image name that compose builds and Kubernetes runs.</summary>
    public string Image => $"mathcluster/{Name}:latest";
}
