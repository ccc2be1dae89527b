using MathCluster.Hosting.Options;
using Microsoft.Extensions.DependencyInjection;
using ClusterMembershipOptions = Orleans.Configuration.ClusterMembershipOptions;

namespace MathCluster.Hosting;

/// <summary>
/// How quickly the cluster declares a silo dead. Orleans' defaults (5 s probes, 3 missed) take ~15 s or more to
/// notice a killed silo; 2 s probes notice it in a few seconds, which keeps retried requests short. Every value can
/// be overridden under <see cref="ClusterOptions.MembershipSection"/>.
/// </summary>
public static class MembershipTiming
{
    public static readonly TimeSpan DefaultProbeTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DefaultTableRefreshTimeout = TimeSpan.FromSeconds(10);

    public static ISiloBuilder AddMembershipTiming(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<ClusterMembershipOptions>()
            .Configure(o =>
            {
                o.ProbeTimeout = DefaultProbeTimeout;
                o.TableRefreshTimeout = DefaultTableRefreshTimeout;
            })
            .BindConfiguration(ClusterOptions.MembershipSection);
        return silo;
    }
}
