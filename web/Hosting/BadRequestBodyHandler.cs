using Microsoft.AspNetCore.Diagnostics;

namespace MathCluster.Web.Hosting;

/// <summary>
/// A body the client broke (an aborted or too slow upload, a body past Kestrel's size cap) is the client's fault: its
/// own 4xx (400, 408, 413) as problem details. Kestrel reports it as an IOException, which would otherwise read as a
/// broken connection to the cluster and be answered 503.
/// </summary>
public sealed class BadRequestBodyHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        context.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "The request body could not be read",
                Detail = bad.Message,
            },
        });
    }
}
