using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime.Services;

namespace MathCluster.Grains.Models;

/// <summary>
/// The silo's end of hot swapping (one per silo): the version grain pushes a new active version here, and a periodic
/// check against the version grain catches up a silo that just started or missed a push.
/// </summary>
[Reentrant]
public sealed class ModelHostService(GrainId id, Silo silo, ILoggerFactory loggerFactory, ActiveModel model, IGrainFactory grains, IOptions<ModelOptions> options)
    : GrainService(id, silo, loggerFactory), IModelHostService
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _logger = loggerFactory.CreateLogger<ModelHostService>();
    private Task _sync = Task.CompletedTask;

    public Task<SiloModelStatus> Serve(ModelVersionInfo version) => model.ServeAsync(version, _stopping.Token);

    public Task<SiloModelStatus> GetStatus() => Task.FromResult(model.Status());

    public override Task Start()
    {
        // Off the service's scheduler: the loop only calls grains and the thread-safe ActiveModel.
        _sync = Task.Run(() => SyncAsync(_stopping.Token));
        return base.Start();
    }

    public override async Task Stop()
    {
        await _stopping.CancelAsync();
        await _sync;
        await base.Stop();
    }

    private async Task SyncAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.Value.SyncInterval);
        do
        {
            try
            {
                var active = await grains.GetGrain<IModelVersionGrain>(ModelVersionGrainKeys.Cluster).GetActiveVersion().WaitAsync(stopping);
                await model.ServeAsync(active, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Could not check the cluster's active model version; will retry");
            }
            model.MarkSynced();
        }
        while (await WaitAsync(timer, stopping));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

/// <summary>Reaches the model host service of a given silo.</summary>
public interface IModelHostClient
{
    IModelHostService On(SiloAddress silo);
}

public sealed class ModelHostClient(IServiceProvider services) : GrainServiceClient<IModelHostService>(services), IModelHostClient
{
    public IModelHostService On(SiloAddress silo) => GetGrainService(silo);
}
