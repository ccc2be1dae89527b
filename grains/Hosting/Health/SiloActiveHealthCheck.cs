using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace MathCluster.Hosting.Health;

/// <summary>
/// Cluster-ready, as a silo sees it: Active in the cluster's membership and its host not stopping. A silo that is
/// joining, shutting down or declared dead is not ready, so probes and load balancers move on.
/// </summary>
public sealed class SiloActiveHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public const string Name = "cluster-ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        bool stopping = lifetime.ApplicationStopping.IsCancellationRequested;
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        var data = new Dictionary<string, object>
        {
            ["silo"] = silo.SiloAddress.ToString(),
            ["membership"] = stopping ? "Stopping" : status.ToString(),
        };
        return Task.FromResult(!stopping && status == SiloStatus.Active
            ? HealthCheckResult.Healthy("Active in the cluster", data)
            : HealthCheckResult.Unhealthy($"The silo is {data["membership"]}, not Active", data: data));
    }
}
