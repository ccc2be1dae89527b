using MathCluster.Grains;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MathCluster.Web.Endpoints;

/// <summary>RFC 7807 problem details for every way a request can be wrong.</summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) => Create(StatusCodes.Status400BadRequest, "The request cannot be read", detail);
    public static ProblemHttpResult TooLarge(string detail) => Create(StatusCodes.Status413PayloadTooLarge, "The request is too large", detail);
    public static ProblemHttpResult UnsupportedMediaType(string detail) => Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", detail);
    public static ProblemHttpResult Unprocessable(string detail) => Create(StatusCodes.Status422UnprocessableEntity, "The image holds too many symbols", detail);

    public static ProblemHttpResult ForCanvas(CanvasStatus status, string? detail) => status switch
    {
        CanvasStatus.TooLarge => TooLarge(detail ?? "The image is too large."),
        CanvasStatus.TooManySymbols => Unprocessable(detail ?? "Too many symbols."),
        _ => BadRequest(detail ?? "The image cannot be read."),
    };

    private static ProblemHttpResult Create(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
