using MathCluster.Grains.Hosting;
using MathCluster.Web.Hosting;

namespace MathCluster.Web.Endpoints;

/// <summary>/healthz: the process is alive. /readyz: the cluster answers and a model is loaded.</summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(ClusterConfiguration.LivenessPath, () => TypedResults.Ok(new { status = "alive" })).WithTags("Health").ExcludeFromDescription();
        routes.MapGet(ClusterConfiguration.ReadinessPath, ReadyAsync).WithTags("Health").ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> ReadyAsync(RecognizerClient recognizer, CancellationToken cancellationToken)
    {
        try
        {
            var diagnostics = await recognizer.DiagnosticsAsync(cancellationToken).WaitAsync(ReadyTimeout);
            return TypedResults.Ok(new { status = "ready", modelVersion = diagnostics.ModelVersion, silo = diagnostics.ServedBy.Silo });
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready", detail: e.Message);
        }
    }
}
