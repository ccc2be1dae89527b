using MathCluster.Grains.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MathCluster.Grains;

public static class RecognizerServices
{
    /// <summary>The per-silo model services the grains need; the host brings clustering and storage.</summary>
    public static ISiloBuilder AddRecognizerServices(this ISiloBuilder silo)
    {
        // Grain calls carry the caller's trace, so one request is one trace across processes.
        silo.AddActivityPropagation();
        silo.AddIncomingGrainCallFilter<Recognizers.UnobservedCallFilter>();
        silo.Services.TryAddSingleton(_ => BuiltInModel.Embedded());
        silo.Services.AddSingleton<ActiveModel>();
        silo.Services.AddSingleton<ModelValidator>();
        silo.Services.AddSingleton<IModelHostClient, ModelHostClient>();
        silo.AddGrainService<ModelHostService>();
        return silo;
    }
}
