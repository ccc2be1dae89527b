namespace MathCluster.Web.Endpoints;

/// <summary>Open Inference Protocol (KServe v2 / Triton) endpoints under /v2.</summary>
public static class InferenceProtocolEndpoints
{
    public static IEndpointRouteBuilder MapInferenceProtocolEndpoints(this IEndpointRouteBuilder routes) => routes;
}
