using MathCluster.Web.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MathCluster.Web.Health;

/// <summary>Model-loaded, as the web app sees it: a recognizer answers and names the model version it serves.</summary>
public sealed class ServedModelHealthCheck(RecognizerClient recognizer) : IHealthCheck
{
    public const string Name = "model-loaded";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var diagnostics = await recognizer.DiagnosticsAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy("A recognizer serves a model", new Dictionary<string, object>
            {
                ["modelVersion"] = diagnostics.ModelVersion,
                ["silo"] = diagnostics.ServedBy.Silo,
            });
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"No recognizer answered: {e.Message}");
        }
    }
}
