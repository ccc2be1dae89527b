namespace MathCluster.Web.InferenceProtocol;

/// <summary>Answers every <see cref="InferenceProtocolException"/> of a /v2 handler with its status and <c>{"error": ...}</c>.</summary>
public sealed class ProtocolErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (InferenceProtocolException e)
        {
            return e.ToResult();
        }
    }
}
