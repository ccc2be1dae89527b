using MathCluster.TestSupport;

namespace MathCluster.Cluster.Tests;

/// <summary>The silo host refuses a bad setting before it joins a cluster: it exits with a line that names the key.</summary>
public sealed class SiloStartupValidationTests
{
    [Theory]
    [InlineData("Cluster:SiloPort", "70000")]
    [InlineData("Cluster:Clustering", "Zookeeper")]
    [InlineData("Admin:Token", "short-token")]
    [InlineData("Models:Path", "/nowhere/recognizer.onnx")]
    public async Task SiloStart_WithABadSetting_ExitsNamingTheKey(string key, string value)
    {
        // Free ports, so a silo that wrongly started would not take a developer's 11111 / 30000.
        string[] ports = key == "Cluster:SiloPort" ? [] : ["--Cluster:SiloPort", $"{FreePort.Next()}", "--Cluster:GatewayPort", $"{FreePort.Next()}"];
        await using var silo = ChildProcess.Start("silo", "dotnet", [BuildOutput.SiloDll, .. ports, $"--{key}", value]);

        Assert.True(await silo.ExitsWithinAsync(TimeSpan.FromMinutes(1)), $"The silo still runs with {key}={value}:\n{silo.RecentOutput}");
        Assert.NotEqual(0, silo.ExitCode);
        Assert.Contains(silo.RecentOutput.Split('\n'), line => line.Contains(key, StringComparison.Ordinal));
    }
}
