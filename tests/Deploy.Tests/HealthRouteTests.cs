using System.Net;
using System.Text.Json;
using MathCluster.Hosting.Health;
using MathCluster.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MathCluster.Deploy.Tests;

/// <summary>
/// The health surface every process maps (MapClusterHealth), on real Kestrel: the paths the probes call answer, and
/// each runs only the checks of its tag, so a process whose readiness fails stays alive for its liveness probe.
/// </summary>
public class HealthRouteTests
{
    [Theory]
    [InlineData(true, HttpStatusCode.OK)]
    [InlineData(false, HttpStatusCode.ServiceUnavailable)]
    public async Task Readiness_FollowsTheReadyChecks_WhileLivenessStaysUp(bool ready, HttpStatusCode expected)
    {
        var builder = WebApplication.CreateSlimBuilder();
        int port = FreePort.Next();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [HealthTags.Live])
            .AddCheck("model-loaded", () => ready
                ? HealthCheckResult.Healthy("loaded", new Dictionary<string, object> { ["modelVersion"] = "v-test" })
                : HealthCheckResult.Unhealthy("no model"), [HealthTags.Ready]);
        await using var app = builder.Build();
        app.MapClusterHealth();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        foreach (var live in new[] { HealthEndpoints.LivenessPath, HealthEndpoints.ProtocolLivenessPath })
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(live)).StatusCode);

        using var readyz = await http.GetAsync(HealthEndpoints.ReadinessPath);
        Assert.Equal(expected, readyz.StatusCode);
        using var body = JsonDocument.Parse(await readyz.Content.ReadAsStringAsync());
        if (ready) Assert.Equal("v-test", body.RootElement.GetProperty("modelVersion").GetString());
        else Assert.Contains("no model", body.RootElement.GetProperty("checks").GetProperty("model-loaded").GetString());

        using var protocol = await http.GetAsync(HealthEndpoints.ProtocolReadinessPath);
        Assert.Equal(expected, protocol.StatusCode);
        using var protocolBody = JsonDocument.Parse(await protocol.Content.ReadAsStringAsync());
        Assert.Equal(ready, protocolBody.RootElement.TryGetProperty("ready", out _));
        await app.StopAsync();
    }
}
