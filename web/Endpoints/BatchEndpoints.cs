using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using MathCluster.Grains;
using MathCluster.Recognition.Imaging;
using MathCluster.Web.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ProblemDetails = Microsoft.AspNetCore.Mvc.ProblemDetails;

namespace MathCluster.Web.Endpoints;

/// <summary>
/// POST /api/batch: many canvases as multipart/form-data in (a PNG per part, or pen strokes as a part whose content type
/// is application/json), one JSON line per image out
/// (application/x-ndjson), in input order, each written as soon as it and all before it are done.
/// One bad image gets its own error line and never fails the batch.
/// </summary>
public static class BatchEndpoints
{
    public const int MaxParts = 1000;
    public const long MaxBytes = 64L * 1024 * 1024;
    public const string NdjsonContentType = "application/x-ndjson";
    // Images in flight per request: enough to keep every silo's batching queue busy, bounded so a huge batch
    // neither floods the cluster nor buffers unbounded results.
    public const int MaxConcurrency = 16;

    public static IEndpointRouteBuilder MapBatchEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/batch", BatchAsync)
            .WithName("RecognizeBatch")
            .WithTags("Recognition")
            .WithSummary("Recognise many canvases; results stream back as NDJSON in input order")
            .WithDescription($"multipart/form-data with one PNG or one application/json stroke canvas per part (at most {MaxParts} parts and {MaxBytes / (1024 * 1024)} MB). " +
                             "Each output line is {\"index\", \"name\", \"status\", \"result\"} or {\"index\", \"name\", \"status\", \"problem\"}.")
            .Accepts<IFormFileCollection>("multipart/form-data")
            .Produces(StatusCodes.Status200OK, contentType: NdjsonContentType)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .DisableAntiforgery();
        return routes;
    }

    private static async Task<IResult> BatchAsync(HttpContext context, RecognizerClient recognizer, IOptions<JsonOptions> json)
    {
        if (MultipartUpload.Open(context, MaxBytes, "the images", out var problem) is not { } reader) return problem!;

        var cancellation = context.RequestAborted;
        var response = context.Response;
        response.ContentType = NdjsonContentType;
        var lines = Channel.CreateBounded<Task<BatchLine>>(MaxConcurrency);
        using var slots = new SemaphoreSlim(MaxConcurrency);

        var reading = ReadPartsAsync(reader, recognizer, lines.Writer, slots, cancellation);
        await foreach (var line in lines.Reader.ReadAllAsync(cancellation))
        {
            var written = await line;
            await JsonSerializer.SerializeAsync(response.Body, written, json.Value.SerializerOptions, cancellation);
            await response.Body.WriteAsync("\n"u8.ToArray(), cancellation);
            await response.Body.FlushAsync(cancellation);
        }
        await reading;
        return Results.Empty;
    }

    /// <summary>Starts one recognition per part (bounded by <paramref name="slots"/>) and queues its line in input order.</summary>
    private static async Task ReadPartsAsync(MultipartReader reader, RecognizerClient recognizer, ChannelWriter<Task<BatchLine>> lines, SemaphoreSlim slots, CancellationToken cancellation)
    {
        int index = 0;
        try
        {
            MultipartSection? section;
            while ((section = await NextSectionAsync(reader, lines, index, cancellation)) is not null)
            {
                string name = section.AsFileSection()?.FileName ?? section.AsFormDataSection()?.Name ?? $"part-{index}";
                if (index >= MaxParts)
                {
                    await lines.WriteAsync(Task.FromResult(BatchLine.Failed(index, name, StatusCodes.Status413PayloadTooLarge, "Too many parts",
                        $"A batch may hold at most {MaxParts} images; this and any later parts were not read.")), cancellation);
                    break;
                }
                bool strokes = StrokeBody.IsJson(section.ContentType);
                int limit = strokes ? StrokeBody.Limit : CanvasBody.Limit;
                var body = await CanvasBody.ReadAsync(section.Body, null, limit, drainOverflow: true, cancellation);
                int current = index++;
                await slots.WaitAsync(cancellation);
                var work = body is null
                    ? Task.FromResult(BatchLine.Failed(current, name, StatusCodes.Status413PayloadTooLarge, "The canvas is too large", $"Each {(strokes ? "stroke canvas" : "image")} may be at most {limit} bytes."))
                    : RecognizeAsync(recognizer, current, name, strokes ? StrokesOf(body, cancellation) : client => client.RecognizeAsync(body, cancellation), cancellation);
                _ = work.ContinueWith(_ => slots.Release(), TaskScheduler.Default);
                await lines.WriteAsync(work, cancellation);
            }
        }
        finally
        {
            lines.TryComplete();
        }
    }

    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, ChannelWriter<Task<BatchLine>> lines, int index, CancellationToken cancellation)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellation);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !cancellation.IsCancellationRequested)
        {
            // A malformed or oversized body ends the batch with an error line; the lines before it stand.
            int status = e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) || e is BadHttpRequestException { StatusCode: 413 }
                ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            await lines.WriteAsync(Task.FromResult(BatchLine.Failed(index, null, status, "The multipart body cannot be read", e.Message)), cancellation);
            return null;
        }
    }

    /// <summary>The call for one stroke part: parsed here, so malformed JSON is that part's 4xx line and never reaches a grain.</summary>
    private static Func<RecognizerClient, Task<CanvasResult>> StrokesOf(byte[] json, CancellationToken cancellation)
    {
        try
        {
            var request = StrokeBody.Parse(json);
            return client => client.RecognizeStrokesAsync(request, cancellation);
        }
        catch (CanvasImageException e)
        {
            return _ => Task.FromResult(CanvasResult.Failed(StrokeBody.StatusOf(e), e.Message));
        }
    }

    private static async Task<BatchLine> RecognizeAsync(RecognizerClient recognizer, int index, string name, Func<RecognizerClient, Task<CanvasResult>> recognize, CancellationToken cancellation)
    {
        CanvasResult result;
        try
        {
            result = await recognize(recognizer);
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            return BatchLine.Failed(index, name, StatusCodes.Status503ServiceUnavailable, "The cluster could not recognise this image", e.Message);
        }
        if (result.Recognition is { } recognition) return new BatchLine(index, name, StatusCodes.Status200OK, recognition, null);
        var problem = Problems.ForCanvas(result.Status, result.Problem).ProblemDetails;
        return new BatchLine(index, name, problem.Status ?? StatusCodes.Status400BadRequest, null, problem);
    }

    /// <summary>One NDJSON line: the image's position and name, and its result or its problem.</summary>
    private sealed record BatchLine(
        int Index,
        string? Name,
        int Status,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CanvasRecognitionResult? Result,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ProblemDetails? Problem)
    {
        public static BatchLine Failed(int index, string? name, int status, string title, string detail) =>
            new(index, name, status, null, new ProblemDetails { Status = status, Title = title, Detail = detail });
    }
}
