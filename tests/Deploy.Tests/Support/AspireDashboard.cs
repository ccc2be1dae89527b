using System.Xml.Linq;
using MathCluster.TestSupport;

namespace MathCluster.Deploy.Tests.Support;

/// <summary>The Aspire trace dashboard container: its image and the ports the image listens on.</summary>
public static class AspireDashboard
{
    public const string ImageName = "mcr.microsoft.com/dotnet/aspire-dashboard";
    public const int UiPort = 18888;
    public const int OtlpGrpcPort = 18889;

    /// <summary>The image tag that matches the dashboard package deploy/dashboard.sh runs (major.minor of Aspire.Dashboard.Sdk).</summary>
    public static string ExpectedImage
    {
        get
        {
            var version = XDocument.Load(Path.Combine(RepositoryRoot.Path, "Directory.Packages.props")).Descendants("PackageVersion")
                .Single(p => p.Attribute("Include")!.Value.StartsWith("Aspire.Dashboard.Sdk", StringComparison.Ordinal))
                .Attribute("Version")!.Value;
            return $"{ImageName}:{string.Join('.', version.Split('.')[..2])}";
        }
    }
}
