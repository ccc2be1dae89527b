using MathCluster.Grains.Hosting;

namespace MathCluster.Silo.Health;

/// <summary>
/// The silo host's HTTP health: liveness (the process answers) and readiness (Active in membership, not stopping),
/// for Kubernetes probes and the local cluster script.
/// </summary>
public static class SiloHealthEndpoints
{
    public static IEndpointRouteBuilder MapSiloHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(ClusterConfiguration.LivenessPath, () => Results.Json(new SiloHealth("alive", null, null), SiloHealthJson.Default.SiloHealth));
        routes.MapGet(ClusterConfiguration.ReadinessPath, (SiloReadiness readiness) =>
        {
            var health = new SiloHealth(readiness.IsReady ? "ready" : "not ready", readiness.Silo, readiness.Stopping ? "Stopping" : readiness.Status.ToString());
            return Results.Json(health, SiloHealthJson.Default.SiloHealth, statusCode: readiness.IsReady ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return routes;
    }
}
