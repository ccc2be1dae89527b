using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace MathCluster.Silo.Health;

/// <summary>
/// Stands in for Kestrel when Cluster:HealthPort is unset, so a silo without health endpoints opens no HTTP port
/// (several silos on one machine would otherwise all try Kestrel's default).
/// </summary>
public sealed class NoHttpServer : IServer
{
    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}
