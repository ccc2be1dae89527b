using Orleans.Runtime;

namespace MathCluster.Web.Hosting;

/// <summary>
/// Client mode: watches which silos are active and, when the set changes, moves recognizer calls to fresh keys
/// (<see cref="RecognizerKeys.Respread"/>) so they spread over every live silo, a new one included. It respreads
/// once more a poll later, as the client's own gateway list may lag the membership by one refresh period.
/// </summary>
public sealed class ClusterTopologyWatcher(IGrainFactory grains, RecognizerKeys keys, ILogger<ClusterTopologyWatcher> logger, TimeSpan period) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period);
        HashSet<SiloAddress>? known = null;
        bool again = false;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            HashSet<SiloAddress> active;
            try
            {
                // Resolved per poll: before the client has connected, the cluster's grain types are not known yet.
                var management = grains.GetGrain<IManagementGrain>(0);
                active = [.. (await management.GetHosts(onlyActive: true).WaitAsync(period, stoppingToken)).Keys];
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The cluster is busy re-forming (the grain's silo may have just died); the next poll sees it.
                logger.LogDebug(e, "Could not read the cluster's active silos");
                continue;
            }

            if (known is not null && !known.SetEquals(active))
            {
                logger.LogInformation("Active silos changed to {Silos}; spreading recognizer calls over them", string.Join(", ", active));
                keys.Respread();
                again = true;
            }
            else if (again)
            {
                keys.Respread();
                again = false;
            }
            known = active;
        }
    }
}
