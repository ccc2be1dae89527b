using Orleans.Runtime;

namespace MathCluster.Silo.Health;

/// <summary>
/// Whether this silo should get work: it is Active in the cluster's membership and its host has not begun to stop.
/// A silo that is joining, shutting down or declared dead is not ready, so probes and load balancers move on.
/// </summary>
public sealed class SiloReadiness(IClusterMembershipService membership, ILocalSiloDetails silo, IHostApplicationLifetime lifetime)
{
    public SiloStatus Status => membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);

    public bool Stopping => lifetime.ApplicationStopping.IsCancellationRequested;

    public bool IsReady => !Stopping && Status == SiloStatus.Active;

    public string Silo => silo.SiloAddress.ToString();
}
