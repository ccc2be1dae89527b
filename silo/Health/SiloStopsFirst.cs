namespace MathCluster.Silo.Health;

/// <summary>
/// The host stops its services in reverse order of registration, which stops the health server before the silo.
/// This begins the silo's graceful stop first (in the stopping phase, before any service stops), so /readyz keeps
/// answering 503 while the silo leaves the cluster and finishes its calls. Orleans' own stop then waits for the same
/// shutdown, which it runs only once.
/// </summary>
public sealed class SiloStopsFirst(Orleans.Runtime.Silo silo) : IHostedLifecycleService
{
    public Task StoppingAsync(CancellationToken cancellationToken) => silo.StopAsync(cancellationToken);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
