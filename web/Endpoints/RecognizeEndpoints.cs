using MathCluster.Grains;
using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Segmentation;
using MathCluster.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MathCluster.Web.Endpoints;

/// <summary>POST /api/recognize: one canvas PNG in, symbols, expression and exact value out.</summary>
public static class RecognizeEndpoints
{
    public const string PngContentType = "image/png";

    public static IEndpointRouteBuilder MapRecognizeEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/recognize", RecognizeAsync)
            .WithName("Recognize")
            .WithTags("Recognition")
            .WithSummary("Recognise a handwritten expression")
            .WithDescription($"Send the canvas as an image/png body (at most {CanvasDecoder.MaxBytes} bytes and {CanvasDecoder.MaxSide}x{CanvasDecoder.MaxSide} px, " +
                             $"at most {CanvasSegmenter.MaxSymbols} symbols). Dark ink on a light or transparent background.")
            .Accepts<byte[]>(PngContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .DisableAntiforgery();
        return routes;
    }

    private static async Task<Results<Ok<CanvasRecognitionResult>, ProblemHttpResult>> RecognizeAsync(HttpRequest request, RecognizerClient recognizer, CancellationToken cancellationToken)
    {
        if (!IsPng(request.ContentType))
            return Problems.UnsupportedMediaType($"Send the canvas as '{PngContentType}', not '{request.ContentType ?? "(none)"}'.");
        var png = await CanvasBody.ReadAsync(request.Body, request.ContentLength, CanvasBody.Limit, drainOverflow: false, cancellationToken);
        if (png is null) return Problems.TooLarge($"The image is larger than {CanvasBody.Limit} bytes.");

        var result = await recognizer.RecognizeAsync(png, cancellationToken);
        return result.Status == CanvasStatus.Recognized && result.Recognition is { } recognition
            ? TypedResults.Ok(recognition)
            : Problems.ForCanvas(result.Status, result.Problem);
    }

    private static bool IsPng(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals(PngContentType, StringComparison.OrdinalIgnoreCase);
}
