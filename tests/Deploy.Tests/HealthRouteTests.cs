using MathCluster.Grains.Hosting;
using MathCluster.Web.Endpoints;
using MathCluster.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MathCluster.Deploy.Tests;

/// <summary>
/// The web app spells its health routes out in HealthEndpoints; the probes use ClusterConfiguration's paths.
/// Read the app's own route table so the two cannot drift apart.
/// </summary>
public class HealthRouteTests
{
    [Fact]
    public async Task The_web_app_serves_the_liveness_and_readiness_paths_the_probes_call()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Registered (never resolved) so the readiness handler's parameter binds as a service.
        builder.Services.AddSingleton<RecognizerClient>();
        await using var app = builder.Build();
        app.MapHealthEndpoints();

        var routes = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Select(endpoint => "/" + endpoint.RoutePattern.RawText?.TrimStart('/'))
            .ToList();

        Assert.Contains(ClusterConfiguration.LivenessPath, routes);
        Assert.Contains(ClusterConfiguration.ReadinessPath, routes);
    }
}
