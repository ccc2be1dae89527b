using Microsoft.AspNetCore.Diagnostics;

namespace MathCluster.Web.Hosting;

/// <summary>
/// A cluster that still fails after the retries (every silo down, storage unreachable) is the server's temporary
/// state, not a bug: the client gets 503 problem details with Retry-After instead of a 500.
/// </summary>
public sealed class ClusterUnavailableHandler(IProblemDetailsService problems, ILogger<ClusterUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!TransientClusterErrors.IsTransient(exception) && exception is not OrleansException) return false;
        logger.LogWarning("The cluster could not serve {Method} {Path}: {Exception}: {Message}", context.Request.Method, context.Request.Path, exception.GetType().Name, exception.Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The recognizer cluster is unavailable",
                Detail = $"No silo could serve the request ({exception.GetType().Name}); try again shortly.",
            },
        });
    }
}
