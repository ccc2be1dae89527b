using MathCluster.Grains;
using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Segmentation;
using MathCluster.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MathCluster.Web.Endpoints;

/// <summary>POST /api/recognize: one canvas (PNG, or pen strokes as JSON) in; symbols, expression, exact value and confidence out.</summary>
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
                             $"at most {CanvasSegmenter.MaxSymbols} symbols; dark ink on a light or transparent background), or as application/json strokes " +
                             "{\"width\",\"height\",\"strokes\":[[[x,y(,t)],…],…],\"penWidth\"} in canvas pixels and writing order " +
                             $"(at most {StrokeCanvas.MaxJsonBytes} bytes, {StrokeCanvas.MaxStrokes} strokes, {StrokeCanvas.MaxPoints} points, every point inside the canvas).")
            .Accepts<byte[]>(PngContentType, StrokeBody.JsonContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .DisableAntiforgery();
        return routes;
    }

    private static async Task<Results<Ok<CanvasRecognitionResult>, ProblemHttpResult>> RecognizeAsync(HttpRequest request, RecognizerClient recognizer, CancellationToken cancellationToken)
    {
        if (StrokeBody.IsJson(request.ContentType)) return await RecognizeStrokesAsync(request, recognizer, cancellationToken);
        if (!IsPng(request.ContentType))
            return Problems.UnsupportedMediaType($"Send the canvas as '{PngContentType}' or its strokes as '{StrokeBody.JsonContentType}', not '{request.ContentType ?? "(none)"}'.");
        // Through the body's PipeReader, where admission has already looked at the PNG header (HeavyWork) and left it.
        var png = await CanvasBody.ReadAsync(request.BodyReader.AsStream(), request.ContentLength, CanvasBody.Limit, drainOverflow: false, cancellationToken);
        if (png is null) return Problems.TooLarge($"The image is larger than {CanvasBody.Limit} bytes.");

        var result = await recognizer.RecognizeAsync(png, cancellationToken);
        return result.Status == CanvasStatus.Recognized && result.Recognition is { } recognition
            ? TypedResults.Ok(recognition)
            : Problems.ForCanvas(result.Status, result.Problem);
    }

    private static async Task<Results<Ok<CanvasRecognitionResult>, ProblemHttpResult>> RecognizeStrokesAsync(HttpRequest request, RecognizerClient recognizer, CancellationToken cancellationToken)
    {
        var json = await CanvasBody.ReadAsync(request.Body, request.ContentLength, StrokeBody.Limit, drainOverflow: false, cancellationToken);
        if (json is null) return Problems.TooLarge($"The stroke JSON is larger than {StrokeBody.Limit} bytes.");
        StrokeCanvasRequest strokes;
        try
        {
            strokes = StrokeBody.Parse(json);
        }
        catch (CanvasImageException e)
        {
            return Problems.ForCanvas(StrokeBody.StatusOf(e), e.Message);
        }
        var result = await recognizer.RecognizeStrokesAsync(strokes, cancellationToken);
        return result.Status == CanvasStatus.Recognized && result.Recognition is { } recognition
            ? TypedResults.Ok(recognition)
            : Problems.ForCanvas(result.Status, result.Problem);
    }

    public static bool IsPng(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals(PngContentType, StringComparison.OrdinalIgnoreCase);
}
