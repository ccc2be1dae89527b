using MathCluster.Grains.Models;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MathCluster.Hosting.Health;

/// <summary>Model-loaded, as a silo sees it: an ONNX session for the version it serves is open (opened here if need be).</summary>
public sealed class ModelLoadedHealthCheck(ActiveModel model) : IHealthCheck
{
    public const string Name = "model-loaded";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var lease = await model.AcquireAsync(cancellationToken);
        return HealthCheckResult.Healthy("A model session is open", new Dictionary<string, object> { ["modelVersion"] = model.Version });
    }
}
