using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MathCluster.Web.Health;

/// <summary>Cluster-ready, as the web app sees it: the cluster answers and lists at least one active silo.</summary>
public sealed class ClusterReadyHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public const string Name = "cluster-ready";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var silos = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(Timeout, cancellationToken);
            return silos.Count > 0
                ? HealthCheckResult.Healthy($"{silos.Count} active silo(s)", new Dictionary<string, object> { ["silos"] = silos.Count })
                : HealthCheckResult.Unhealthy("No silo is active");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The cluster does not answer: {e.Message}");
        }
    }
}
