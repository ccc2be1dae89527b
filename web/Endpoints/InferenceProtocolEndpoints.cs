using System.Reflection;
using MathCluster.Web.Hosting;
using MathCluster.Web.InferenceProtocol;
using Microsoft.OpenApi;

namespace MathCluster.Web.Endpoints;

/// <summary>
/// Open Inference Protocol (KServe v2 / Triton HTTP) under /v2, so existing inference clients call the recognizer
/// unchanged: server and model metadata, and infer with JSON or binary tensor data. Errors are the
/// protocol's <c>{"error": ...}</c>. Its health routes are the cluster's health checks (HealthEndpoints).
/// </summary>
public static class InferenceProtocolEndpoints
{
    private const string Tag = "Open Inference Protocol";
    private const string ServerName = "mathcluster";

    private static readonly string ServerVersion =
        (typeof(InferenceProtocolEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    public static IEndpointRouteBuilder MapInferenceProtocolEndpoints(this IEndpointRouteBuilder routes)
    {
        var v2 = routes.MapGroup("/v2").WithTags(Tag).AddEndpointFilter<ProtocolErrorFilter>();

        v2.MapGet("", () => TypedResults.Ok(new ServerMetadata(ServerName, ServerVersion, [BinaryTensorData.ExtensionName])))
            .WithName("V2ServerMetadata")
            .WithSummary("Server metadata: name, version and protocol extensions");
        v2.MapGet("/models/{name}", (string name, RecognizerClient recognizer, CancellationToken cancellationToken) => ModelMetadataAsync(name, null, recognizer, cancellationToken))
            .WithName("V2ModelMetadata")
            .WithSummary("Model metadata: active version, platform, input and outputs")
            .Produces<ModelMetadata>()
            .WithModelErrors();
        v2.MapGet("/models/{name}/versions/{version}", ModelMetadataAsync)
            .WithName("V2ModelVersionMetadata")
            .WithSummary("Model metadata of one version (only the active version is served)")
            .Produces<ModelMetadata>()
            .WithModelErrors();

        v2.MapGet("/models/{name}/ready", (string name, RecognizerClient recognizer, CancellationToken cancellationToken) => ModelReadyAsync(name, null, recognizer, cancellationToken))
            .WithName("V2ModelReady")
            .WithSummary("The model is ready for inference")
            .Produces<ModelReady>()
            .WithModelErrors();
        v2.MapGet("/models/{name}/versions/{version}/ready", ModelReadyAsync)
            .WithName("V2ModelVersionReady")
            .WithSummary("The model version is ready for inference")
            .Produces<ModelReady>()
            .WithModelErrors();

        v2.MapPost("/models/{name}/infer", (HttpContext context, string name, RecognizerClient recognizer) => InferAsync(context, name, null, recognizer))
            .WithName("V2Infer")
            .WithSummary("Classify normalised glyphs")
            .WithInferDocumentation();
        v2.MapPost("/models/{name}/versions/{version}/infer", InferAsync)
            .WithName("V2VersionInfer")
            .WithSummary("Classify normalised glyphs with one model version (only the active version is served)")
            .WithInferDocumentation();

        // Unknown /v2 routes (other extensions, wrong methods) still answer in the protocol's error shape.
        v2.Map("/{**path}", (HttpRequest request) => new InferenceProtocolException(StatusCodes.Status404NotFound,
                $"No Open Inference Protocol route for {request.Method} {request.Path}; this server implements health, metadata and infer.").ToResult())
            .ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> ModelMetadataAsync(string name, string? version, RecognizerClient recognizer, CancellationToken cancellationToken) =>
        TypedResults.Ok(RecognizerModel.Metadata(await ServedModel.ResolveAsync(recognizer, name, version, cancellationToken)));

    private static async Task<IResult> ModelReadyAsync(string name, string? version, RecognizerClient recognizer, CancellationToken cancellationToken)
    {
        await ServedModel.ResolveAsync(recognizer, name, version, cancellationToken);
        return TypedResults.Ok(new ModelReady(name, true));
    }

    private static async Task<IResult> InferAsync(HttpContext context, string name, string? version, RecognizerClient recognizer)
    {
        var cancellationToken = context.RequestAborted;
        // The model is checked before the body is read: a wrong URL never costs an upload's worth of memory.
        if (version is null) ServedModel.RequireServed(name);
        else await ServedModel.ResolveAsync(recognizer, name, version, cancellationToken);

        var request = await InferenceRequestReader.ReadAsync(context.Request, cancellationToken);

        var result = await ServedModel.ClassifyAsync(recognizer, request.Pixels, request.Count, cancellationToken);
        // A hot swap between the check and the run: never answer for a version the client did not ask for.
        if (version is not null && result.ModelVersion != version)
            throw InferenceProtocolException.NotFound($"Version '{version}' stopped being served while this request ran; '{result.ModelVersion}' is active now.");
        // Finite but absurd inputs (say 1e30) can overflow the network; NaN has no JSON form, and it is the input's fault.
        foreach (float p in result.Probabilities)
            if (!float.IsFinite(p))
                throw InferenceProtocolException.BadRequest("The input drove the model to non-finite probabilities; send ink values in [0, 1] (FP32) or 0-255 (UINT8).");
        return InferenceResponseWriter.Write(request, result);
    }

    private static RouteHandlerBuilder WithModelErrors(this RouteHandlerBuilder builder) => builder
        .Produces<ProtocolError>(StatusCodes.Status404NotFound)
        .Produces<ProtocolError>(StatusCodes.Status503ServiceUnavailable);

    private static RouteHandlerBuilder WithInferDocumentation(this RouteHandlerBuilder builder) => builder
        .WithDescription($"One input, '{RecognizerModel.InputName}': FP32 ink 0-1 or UINT8 ink 0-255 (scaled by 1/255), shape [N,1,28,28] or [N,784] " +
                         $"(glyphs normalised as GlyphNormalizer does), 1 <= N <= {InferenceLimits.MaxGlyphs}, body at most {InferenceLimits.MaxBodyBytes} bytes. " +
                         $"Outputs '{RecognizerModel.ProbabilitiesOutput}' FP32 [N,C] (softmax) and '{RecognizerModel.LabelOutput}' BYTES [N] (top class). " +
                         $"Binary tensor data: send {BinaryTensorData.HeaderLengthHeader} with the JSON header's length and the raw little-endian input bytes after it " +
                         $"(parameters.{BinaryTensorData.SizeParameter}); ask for raw outputs with outputs[].parameters.{BinaryTensorData.OutputParameter} " +
                         $"or parameters.{BinaryTensorData.AllOutputsParameter}. Errors: 400 bad request, 404 unknown model or version, 413 body too large, 503 cluster unavailable.")
        .Produces<InferResponseMessage>(StatusCodes.Status200OK, "application/json", BinaryTensorData.ContentType)
        .Produces<ProtocolError>(StatusCodes.Status400BadRequest)
        .Produces<ProtocolError>(StatusCodes.Status404NotFound)
        .Produces<ProtocolError>(StatusCodes.Status413PayloadTooLarge)
        .Produces<ProtocolError>(StatusCodes.Status503ServiceUnavailable)
        .DisableAntiforgery()
        // Any content type is read (clients send JSON as application/json, text/plain or nothing), so the body is
        // described here rather than with Accepts, which would make routing answer other types with 415.
        .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(InferRequestMessage), null, cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = $"JSON, or a JSON header of {BinaryTensorData.HeaderLengthHeader} bytes followed by binary tensor data.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = schema },
                    [BinaryTensorData.ContentType] = new(),
                },
            };
        });
}
