using System.Text.Json.Serialization;
using MathCluster.Grains;
using MathCluster.Hosting.Options;
using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Data;
using MathCluster.Recognition.Expressions;
using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Layout;
using MathCluster.Recognition.Segmentation;
using MathCluster.Web.Admin;
using MathCluster.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MathCluster.Web.Endpoints;

/// <summary>
/// Users' corrections: POST re-reads a canvas with corrected labels and stores each corrected glyph (open, rate-limited
/// like /api/recognize); totals, export and delete are behind the admin token.
/// </summary>
public static class CorrectionsEndpoints
{
    public const string CanvasPart = "canvas", CorrectionsPart = "corrections";
    /// <summary>A client that repeats a POST with the same key stores its corrections once.</summary>
    public const string IdempotencyHeader = "Idempotency-Key";
    private const int MaxIdempotencyKeyLength = 128;

    public static IEndpointRouteBuilder MapCorrectionsEndpoints(this IEndpointRouteBuilder routes)
    {
        var corrections = routes.MapGroup("/api/corrections").WithTags("Corrections");
        corrections.MapPost("/", CorrectAsync)
            .WithName("Correct")
            .WithSummary("Correct misread symbols: multipart/form-data with 'canvas' (the body the recognition was made from: image/png, or stroke " +
                         "application/json with the limits of /api/recognize) and 'corrections' (JSON [{\"box\": {x, y, width, height}, \"label\": \"7\"}], " +
                         "label \"none\" drops a box; \"alreadyStored\": true applies a correction an earlier request stored without storing it again); " +
                         "answers the re-read canvas and 'stored'")
            .Accepts<IFormFileCollection>("multipart/form-data")
            .Produces<CorrectionsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .DisableAntiforgery()
            .RequireRateLimiting(AdmissionControl.CanvasPolicy);
        corrections.MapGet("/", TotalsAsync)
            .WithName("CorrectionTotals")
            .WithSummary("Stored corrections per label and per model version, and how many the bound evicted")
            .RequireAuthorization(AdminPolicy.Name);
        corrections.MapGet("/export", ExportAsync)
            .WithName("ExportCorrections")
            .WithSummary($"The stored corrections as gzip IDX (the ../shared/data format): ?file={CorrectionsExport.ImagesQuery} is " +
                         $"{CorrectionsExport.ImagesFileName} (28x28 normalised glyphs, ink 255 on 0), ?file={CorrectionsExport.LabelsQuery} is {CorrectionsExport.LabelsFileName} (class codes 0-17)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAuthorization(AdminPolicy.Name);
        corrections.MapDelete("/", ClearAsync)
            .WithName("DeleteCorrections")
            .WithSummary("Delete every stored correction")
            .RequireAuthorization(AdminPolicy.Name);
        return routes;
    }

    public static ICorrectionLogGrain Log(IGrainFactory grains) => grains.GetGrain<ICorrectionLogGrain>(CorrectionKeys.Cluster);

    private static async Task<Results<Ok<CorrectionsResponse>, ProblemHttpResult>> CorrectAsync(HttpContext context, RecognizerClient recognizer, IOptions<LimitsOptions> limits,
        CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var reader = MultipartUpload.Open(context, CanvasBody.Limit + CorrectionRequest.MaxJsonBytes + 64 * 1024, "a canvas and its corrections", out var problem);
        if (reader is null) return problem!;
        var key = context.Request.Headers[IdempotencyHeader].ToString();
        if (key.Length > MaxIdempotencyKeyLength) return Problems.BadRequest($"{IdempotencyHeader} may be at most {MaxIdempotencyKeyLength} characters.");
        byte[]? canvasBytes = null, json = null;
        bool strokes = false;
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(cancellationToken)) is not null)
        {
            var name = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) ? HeaderUtilities.RemoveQuotes(disposition.Name).Value : null;
            if (name == CanvasPart)
            {
                strokes = StrokeBody.IsJson(section.ContentType);
                if (!strokes && section.ContentType is { } type && !type.Split(';')[0].Trim().Equals(RecognizeEndpoints.PngContentType, StringComparison.OrdinalIgnoreCase))
                    return Problems.UnsupportedMediaType($"Send the '{CanvasPart}' part as '{RecognizeEndpoints.PngContentType}' or its strokes as '{StrokeBody.JsonContentType}', not '{type}'.");
                int limit = strokes ? StrokeBody.Limit : CanvasBody.Limit;
                canvasBytes = await CanvasBody.ReadAsync(section.Body, null, limit, drainOverflow: false, cancellationToken);
                if (canvasBytes is null) return Problems.TooLarge($"The {(strokes ? "stroke JSON" : "image")} is larger than {limit} bytes.");
            }
            else if (name == CorrectionsPart)
            {
                json = await CanvasBody.ReadAsync(section.Body, null, CorrectionRequest.MaxJsonBytes, drainOverflow: false, cancellationToken);
                if (json is null) return Problems.TooLarge($"The '{CorrectionsPart}' part is larger than {CorrectionRequest.MaxJsonBytes} bytes.");
            }
            else
                await section.Body.DrainAsync(cancellationToken);
        }
        if (canvasBytes is null || json is null)
            return Problems.BadRequest($"Send both parts: '{CanvasPart}' (the PNG or stroke JSON) and '{CorrectionsPart}' (the JSON list of corrections).");
        var entries = CorrectionRequest.Parse(json, out var invalid);
        if (entries is null) return Problems.BadRequest(invalid!);

        if (!strokes && CanvasAdmission.Refuse(canvasBytes, limits.Value.MaxCanvasPixels) is { } refused) return Problems.ForCanvas(refused.Status, refused.Problem);
        CorrectionCanvas canvas;
        try
        {
            canvas = strokes ? CorrectionCanvas.FromStrokeJson(canvasBytes) : CorrectionCanvas.FromPng(canvasBytes);
        }
        catch (CanvasImageException e)
        {
            return Problems.ForCanvas(StrokeBody.StatusOf(e), e.Message);
        }
        catch (TooManySymbolsException e)
        {
            return Problems.ForCanvas(CanvasStatus.TooManySymbols, e.Message);
        }
        var symbols = canvas.Symbols;
        var matched = CorrectionRequest.Match(entries, symbols, out var unmatched);
        if (matched is null) return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "A correction matches no symbol", detail: unmatched);

        var glyphs = GlyphNormalizer.NormalizeBatch(symbols.Select(s => s.Glyph).ToList());
        var classified = await recognizer.ClassifyAsync(glyphs, symbols.Count, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var samples = new List<CorrectionSample>();
        var dropped = new HashSet<int>();
        var probabilities = classified.Probabilities;
        int classes = classified.Classes.Count;
        for (int i = 0; i < entries.Count; i++)
        {
            int symbol = matched[i];
            if (entries[i].Label == CorrectionRequest.NotASymbol)
            {
                dropped.Add(symbol);
                continue;
            }
            int label = SymbolClasses.IndexOf(entries[i].Label!);
            // The user's label is certain: the reader keeps it and re-reads the rest around it.
            var row = probabilities.AsSpan(symbol * classes, classes);
            row.Clear();
            row[label] = 1;
            if (entries[i].AlreadyStored) continue;
            samples.Add(new CorrectionSample(
                CorrectionsExport.ToPixels(glyphs.AsSpan(symbol * GlyphNormalizer.PixelCount, GlyphNormalizer.PixelCount)),
                canvas.CropPng(symbol), label, classified.ModelVersion, now));
        }
        var requestId = key.Length > 0 ? "key:" + key : "request:" + Guid.NewGuid().ToString("N");
        var appended = await recognizer.AppendCorrectionsAsync(requestId, samples, cancellationToken);

        var kept = Enumerable.Range(0, symbols.Count).Where(i => !dropped.Contains(i)).ToList();
        var predictions = kept.Select(i => GlyphPrediction.FromProbabilities(probabilities, i, classified.Classes)).ToList();
        // The corrected symbols are certain and the rest keep their best labels; the reading's confidence is the
        // product of the chosen labels' probabilities.
        var formula = LayoutParser.Parse(predictions.Select((p, k) => new LayoutSymbol(symbols[kept[k]].Box, p.Label)).ToList());
        double confidence = predictions.Aggregate(1.0, (product, p) => product * p.Confidence);
        var recognition = new CanvasRecognition(predictions.Select((p, k) => new RecognizedSymbol(formula.Labels[k], p.Confidence, symbols[kept[k]].Box, p.Alternatives)).ToList(),
            formula.Evaluation, confidence, classified.ModelVersion, formula);
        var answer = Grains.Recognizers.CanvasResultMapper.ToContract(recognition, clock.Elapsed.TotalMilliseconds);
        return TypedResults.Ok(new CorrectionsResponse(answer.Expression, answer.Value, answer.Error, answer.ErrorKind, answer.Symbols, answer.ModelVersion,
            answer.ElapsedMilliseconds, appended.Stored, answer.Latex, answer.MathMl, answer.Structure));
    }

    private static async Task<Ok<CorrectionTotals>> TotalsAsync(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Log(grains).GetTotals().WaitAsync(cancellationToken));

    private static async Task<IResult> ExportAsync(string? file, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (file is not (CorrectionsExport.ImagesQuery or CorrectionsExport.LabelsQuery))
            return Problems.BadRequest($"Ask for ?file={CorrectionsExport.ImagesQuery} or ?file={CorrectionsExport.LabelsQuery}.");
        var samples = new List<CorrectionSample>();
        foreach (var segment in await Log(grains).GetSegments().WaitAsync(cancellationToken))
            samples.AddRange(await grains.GetGrain<ICorrectionSegmentGrain>(segment).GetSamples().WaitAsync(cancellationToken));
        using var body = new MemoryStream();
        if (file == CorrectionsExport.ImagesQuery)
        {
            var pixels = new byte[samples.Count * GlyphNormalizer.PixelCount];
            for (int i = 0; i < samples.Count; i++) samples[i].Glyph.CopyTo(pixels, i * GlyphNormalizer.PixelCount);
            IdxFile.WriteImages(body, new IdxImages(samples.Count, GlyphNormalizer.Size, GlyphNormalizer.Size, pixels));
        }
        else
            IdxFile.WriteLabels(body, samples.Select(s => (byte)s.Label).ToArray());
        return TypedResults.File(body.ToArray(), "application/gzip",
            file == CorrectionsExport.ImagesQuery ? CorrectionsExport.ImagesFileName : CorrectionsExport.LabelsFileName);
    }

    private static async Task<Ok<CorrectionsDeleted>> ClearAsync(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CorrectionsDeleted(await Log(grains).Clear().WaitAsync(cancellationToken)));
}

/// <summary>The re-read canvas (the /api/recognize answer) with the corrections applied, and how many were stored.</summary>
public sealed record CorrectionsResponse(string Expression, ExactValue? Value, string? Error, string? ErrorKind, IReadOnlyList<SymbolResult> Symbols,
    string ModelVersion, double ElapsedMilliseconds, int Stored, string? Latex, [property: JsonPropertyName("mathml")] string? MathMl,
    StructureNodeResult? Structure);

public sealed record CorrectionsDeleted(int Deleted);
