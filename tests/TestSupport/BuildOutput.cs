namespace MathCluster.TestSupport;

/// <summary>The silo host's and web app's build output of the same configuration as the calling test or benchmark.</summary>
public static class BuildOutput
{
    private static readonly string Configuration = AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug";

    public static string SiloDll => Require(Path.Combine(RepositoryRoot.Path, "silo", "bin", Configuration, "net10.0", "MathCluster.Silo.dll"));

    public static string WebDll => Require(Path.Combine(RepositoryRoot.Path, "web", "bin", Configuration, "net10.0", "MathCluster.Web.dll"));

    private static string Require(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"Build the solution first ({path} is missing).");
}
