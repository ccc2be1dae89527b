using System.Text.RegularExpressions;
using MathCluster.TestSupport;

namespace MathCluster.Deploy.Tests.Support;

/// <summary>What silo/Program.cs sets that the deployment files must leave room for.</summary>
public static partial class SiloHost
{
    /// <summary>How long the silo host waits for a graceful stop (HostOptions.ShutdownTimeout in silo/Program.cs).</summary>
    public static TimeSpan ShutdownTimeout
    {
        get
        {
            var source = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "silo", "Program.cs"));
            var match = ShutdownTimeoutPattern().Match(source);
            Assert.True(match.Success, "silo/Program.cs no longer sets ShutdownTimeout = TimeSpan.FromSeconds(n); update this check");
            return TimeSpan.FromSeconds(int.Parse(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"ShutdownTimeout\s*=\s*TimeSpan\.FromSeconds\((\d+)\)")]
    private static partial Regex ShutdownTimeoutPattern();
}
