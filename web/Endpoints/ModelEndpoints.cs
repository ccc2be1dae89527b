using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MathCluster.Grains;
using MathCluster.Grains.Models;
using MathCluster.Web.Admin;
using MathCluster.Recognition.Classification;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MathCluster.Web.Endpoints;

/// <summary>
/// The model registry over HTTP: list versions (open), and upload, activate and roll back (admin token). Uploads pass
/// the validation gate in the cluster before they are stored; a model that fails it gets 422 with the reasons.
/// </summary>
public static class ModelEndpoints
{
    public const string ModelPart = "model", CardPart = "card";
    public const string OperatorHeader = "X-Operator";

    public static IEndpointRouteBuilder MapModelEndpoints(this IEndpointRouteBuilder routes)
    {
        var models = routes.MapGroup("/api/models").WithTags("Models");
        models.MapGet("/", ListAsync)
            .WithName("ListModels")
            .WithSummary("Registered model versions with their cards, the active one, the history, and what each silo serves");
        models.MapPost("/", UploadAsync)
            .WithName("UploadModel")
            .WithSummary("Upload a model: multipart/form-data with a 'model' part (the ONNX file) and a 'card' part (its model card JSON)")
            .Accepts<IFormFileCollection>("multipart/form-data")
            .Produces<ModelEntryResponse>(StatusCodes.Status201Created)
            .Produces<ModelEntryResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .DisableAntiforgery()
            .RequireAuthorization(AdminPolicy.Name);
        models.MapPost("/{version}/activate", ActivateAsync)
            .WithName("ActivateModel")
            .WithSummary("Make a registered version active; answers when every silo serves it (202 lists the silos that did not confirm in time)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithActivationAnswers();
        models.MapPost("/rollback", RollbackAsync)
            .WithName("RollbackModel")
            .WithSummary("Return to the version that was active before the current one")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithActivationAnswers();
        return routes;
    }

    // Activate and rollback: admin only, answering the activation (200 when every silo serves it, 202 when some did not confirm).
    private static RouteHandlerBuilder WithActivationAnswers(this RouteHandlerBuilder route) => route
        .Produces<ModelActivation>()
        .Produces<ModelActivation>(StatusCodes.Status202Accepted)
        .RequireAuthorization(AdminPolicy.Name);

    private static async Task<Ok<ModelRegistryResponse>> ListAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        var registry = await Registry(grains).GetRegistry().WaitAsync(cancellationToken);
        var corrections = await CorrectionsEndpoints.Log(grains).GetTotals().WaitAsync(cancellationToken);
        return TypedResults.Ok(ModelRegistryResponse.From(registry, corrections.ByModelVersion));
    }

    private static async Task<IResult> UploadAsync(HttpContext context, IGrainFactory grains, IOptions<ModelOptions> options)
    {
        long limit = options.Value.MaxUploadBytes;
        if (MultipartUpload.Open(context, limit, $"the model ('{ModelPart}' and '{CardPart}' parts)", out var problem) is not { } reader) return problem!;

        byte[]? model = null, card = null;
        try
        {
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(context.RequestAborted)) is not null)
            {
                var name = section.AsFormDataSection()?.Name ?? section.AsFileSection()?.Name;
                var bytes = await CanvasBody.ReadAsync(section.Body, null, (int)Math.Min(limit, int.MaxValue), drainOverflow: false, context.RequestAborted);
                if (bytes is null) return Problems.TooLarge($"A model upload may hold at most {limit} bytes.");
                if (name == ModelPart) model = bytes;
                else if (name == CardPart) card = bytes;
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException && !context.RequestAborted.IsCancellationRequested)
        {
            return e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? Problems.TooLarge($"A model upload may hold at most {limit} bytes.")
                : Problems.BadRequest($"The multipart body cannot be read: {e.Message}");
        }
        if (model is null || model.Length == 0 || card is null)
            return Problems.BadRequest($"The upload needs a non-empty '{ModelPart}' part (the ONNX file) and a '{CardPart}' part (its model card JSON).");

        string version;
        try
        {
            version = ModelCard.Parse(card).Version;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
        {
            return Problems.BadRequest($"The '{CardPart}' part is not a model card: {e.Message}");
        }
        if (!ModelVersionNames.IsValid(version)) return Problems.BadRequest($"Version '{version}' is not a valid name: {ModelVersionNames.Rule}.");

        var registration = await Registry(grains).Register(new ModelPackage(model, Encoding.UTF8.GetString(card)), Operator(context));
        return registration.Status switch
        {
            RegistrationStatus.Registered => TypedResults.Created($"/api/models/{registration.Entry!.Version}", ModelEntryResponse.From(registration.Entry, isActive: false)),
            RegistrationStatus.AlreadyRegistered => TypedResults.Ok(ModelEntryResponse.From(registration.Entry!, isActive: false)),
            RegistrationStatus.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The version name is taken", detail: string.Join(" ", registration.Reasons)),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The model failed validation",
                detail: string.Join(" ", registration.Reasons), extensions: new Dictionary<string, object?> { ["reasons"] = registration.Reasons }),
        };
    }

    private static async Task<IResult> ActivateAsync(string version, HttpContext context, IGrainFactory grains)
    {
        if (!ModelVersionNames.IsValid(version)) return Problems.BadRequest($"Version '{version}' is not a valid name: {ModelVersionNames.Rule}.");
        return ActivationResult(await Registry(grains).Activate(version, Operator(context)));
    }

    private static async Task<IResult> RollbackAsync(HttpContext context, IGrainFactory grains) =>
        ActivationResult(await Registry(grains).Rollback(Operator(context)));

    private static IResult ActivationResult(ModelActivation activation) => activation.Status switch
    {
        ActivationStatus.Complete => TypedResults.Ok(activation),
        ActivationStatus.Incomplete => TypedResults.Json(activation, statusCode: StatusCodes.Status202Accepted),
        ActivationStatus.UnknownVersion => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown model version",
            detail: $"Version '{activation.Version}' is not registered; GET /api/models lists the registered versions."),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing to roll back to",
            detail: $"Version '{activation.Version}' is the first one this cluster activated."),
    };

    private static IModelVersionGrain Registry(IGrainFactory grains) => grains.GetGrain<IModelVersionGrain>(ModelVersionGrainKeys.Cluster);

    // One token means one role; an operator may name themselves for the history.
    private static string Operator(HttpContext context)
    {
        var named = context.Request.Headers[OperatorHeader].ToString();
        var clean = new string(named.Where(c => !char.IsControl(c)).Take(64).ToArray()).Trim();
        return clean.Length > 0 ? clean : "admin";
    }
}

/// <summary>A registered version with its card as JSON (not a string inside JSON) and how many stored corrections it drew.</summary>
public sealed record ModelEntryResponse(string Version, bool Active, string Sha256, long SizeBytes, string UploadedBy, DateTimeOffset UploadedAt, double GoldenAccuracy, JsonNode? Card,
    int Corrections = 0)
{
    public static ModelEntryResponse From(ModelEntry entry, bool isActive, int corrections = 0) =>
        new(entry.Version, isActive, entry.Sha256, entry.SizeBytes, entry.UploadedBy, entry.UploadedAt, entry.GoldenAccuracy, JsonNode.Parse(entry.CardJson), corrections);
}

public sealed record ModelRegistryResponse(string ActiveVersion, IReadOnlyList<ModelEntryResponse> Versions, IReadOnlyList<ModelActivationRecord> History, IReadOnlyList<SiloModelStatus> Silos)
{
    public static ModelRegistryResponse From(ModelRegistryView view, IReadOnlyDictionary<string, int> correctionsByVersion) =>
        new(view.ActiveVersion, view.Versions.Select(v => ModelEntryResponse.From(v, v.Version == view.ActiveVersion, correctionsByVersion.GetValueOrDefault(v.Version))).ToList(),
            view.History, view.Silos);
}
