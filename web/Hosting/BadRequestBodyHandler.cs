using Microsoft.AspNetCore.Diagnostics;

namespace MathCluster.Web.Hosting;

/// <summary>
/// A body the client broke (an aborted or too slow upload, a body past Kestrel's size cap) is the client's fault: its
/// own 4xx (400, 408, 413) as problem details. Kestrel reports it as an IOException, which would otherwise read as a
/// broken connection to the cluster and be answered 503.
/// </summary>
public sealed class BadRequestBodyHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        await TypedResults.Problem(statusCode: bad.StatusCode, title: "The request body could not be read", detail: bad.Message).ExecuteAsync(context);
        return true;
    }
}
