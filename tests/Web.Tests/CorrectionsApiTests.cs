using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Data;
using MathCluster.Recognition.Imaging;
using MathCluster.TestSupport;
using MathCluster.Web.Endpoints;
using MathCluster.Web.Tests.Support;

namespace MathCluster.Web.Tests;

/// <summary>
/// POST /api/corrections and its admin routes on a real host with an embedded silo and file grain storage: box
/// matching, the re-read answer, every error case, the admin token, the export read back by the IDX reader, a restart.
/// </summary>
public sealed class CorrectionsApiTests : IAsyncLifetime
{
    private readonly RecognizeApiFixture _app = new();
    private static readonly string DefaultVersion = DefaultModel.Card().Version;

    private HttpClient Client => _app.Client;

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    private static byte[] Canvas(string text) => new CanvasSketch().Write(text).ToPng();

    private static async Task<JsonElement> RecognizeAsync(HttpClient client, byte[] canvas, string canvasType = "image/png")
    {
        using var content = new ByteArrayContent(canvas);
        content.Headers.ContentType = new MediaTypeHeaderValue(canvasType);
        using var response = await client.PostAsync("/api/recognize", content);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static HttpRequestMessage Correction(byte[] png, string json, string canvasType = "image/png", string? key = null)
    {
        var form = new MultipartFormDataContent();
        var canvas = new ByteArrayContent(png);
        canvas.Headers.ContentType = MediaTypeHeaderValue.Parse(canvasType);
        form.Add(canvas, CorrectionsPartNames.Canvas, "canvas.png");
        form.Add(new StringContent(json, Encoding.UTF8, "application/json"), CorrectionsPartNames.Corrections);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/corrections") { Content = form };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static string Fix(JsonElement symbol, string label) =>
        JsonSerializer.Serialize(new[] { new { box = symbol.GetProperty("box"), label } });

    private static HttpRequestMessage Admin(HttpMethod method, string url, string? token = MathWebFactory.AdminTokenValue)
    {
        var request = new HttpRequestMessage(method, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    [Fact]
    public async Task Correct_MisreadSymbol_IsReReadStoredCountedAndExported()
    {
        var png = Canvas("7+4");
        var recognized = await RecognizeAsync(Client, png);
        var symbols = recognized.GetProperty("symbols");
        Assert.Equal(3, symbols.GetArrayLength());

        var answer = await Client.SendAsync(Correction(png, Fix(symbols[2], "9")), HttpStatusCode.OK);
        Assert.Equal(1, answer.GetProperty("stored").GetInt32());
        Assert.Equal("9", answer.GetProperty("symbols")[2].GetProperty("label").GetString());
        Assert.Equal(1f, answer.GetProperty("symbols")[2].GetProperty("confidence").GetSingle());
        Assert.EndsWith("+9", answer.GetProperty("expression").GetString());
        Assert.Equal(DefaultVersion, answer.GetProperty("modelVersion").GetString());

        var totals = await Client.SendAsync(Admin(HttpMethod.Get, "/api/corrections"), HttpStatusCode.OK);
        Assert.Equal(1, totals.GetProperty("total").GetInt32());
        Assert.Equal(1, totals.GetProperty("byLabel").GetProperty("9").GetInt32());
        Assert.Equal(1, totals.GetProperty("byModelVersion").GetProperty(DefaultVersion).GetInt32());
        var registry = await Client.RegistryAsync();
        Assert.Equal(1, registry.GetProperty("versions")[0].GetProperty("corrections").GetInt32());

        var (images, labels) = await ExportAsync(Client);
        Assert.Equal(1, images.Count);
        Assert.Equal((GlyphNormalizer.Size, GlyphNormalizer.Size), (images.Rows, images.Columns));
        Assert.Equal([(byte)SymbolClasses.IndexOf("9")], labels);
        Assert.Contains(images.Image(0).ToArray(), p => p > 128);
    }

    [Fact]
    public async Task Correct_ADigitOfAStackedFraction_IsMatchedOnItsOwn_AndTheFractionReReadWithIt()
    {
        // 7 over a bar over 4, as the page draws it.
        const float height = 100, centre = 200, middle = 160;
        var seven = Handwriting.Write("7", centre - 0.3f * height, middle - 1.2f * height, height);
        var four = Handwriting.Write("4", centre - 0.3f * height, middle + 0.2f * height, height);
        var bar = new Stroke([new System.Numerics.Vector2(centre - 0.6f * height, middle), new System.Numerics.Vector2(centre + 0.6f * height, middle)]);
        var png = PenDrawing.Png(400, 320, 8, seven.Concat(four).SelectMany(s => s.Strokes).Append(bar));
        var recognized = await RecognizeAsync(Client, png);
        Assert.Equal("7/4", recognized.GetProperty("expression").GetString());
        var symbols = recognized.GetProperty("symbols").EnumerateArray().ToList();
        var denominator = symbols.MaxBy(s => s.GetProperty("box").GetProperty("y").GetInt32());

        var answer = await Client.SendAsync(Correction(png, Fix(denominator, "9")), HttpStatusCode.OK);

        Assert.Equal(1, answer.GetProperty("stored").GetInt32());
        Assert.Equal("7/9", answer.GetProperty("expression").GetString());
        Assert.Contains("<mfrac>", answer.GetProperty("mathml").GetString());
    }

    [Fact]
    public async Task Correct_LabelNone_DropsTheBoxAndStoresNothing()
    {
        var png = Canvas("7+4");
        var symbols = (await RecognizeAsync(Client, png)).GetProperty("symbols");
        var answer = await Client.SendAsync(Correction(png, Fix(symbols[1], "none")), HttpStatusCode.OK);
        Assert.Equal(0, answer.GetProperty("stored").GetInt32());
        Assert.Equal(2, answer.GetProperty("symbols").GetArrayLength());
        Assert.DoesNotContain("+", answer.GetProperty("expression").GetString());
    }

    [Fact]
    public async Task Correct_SameIdempotencyKey_StoresOnce()
    {
        var png = Canvas("7+4");
        var symbols = (await RecognizeAsync(Client, png)).GetProperty("symbols");
        for (int i = 0; i < 2; i++)
        {
            var answer = await Client.SendAsync(Correction(png, Fix(symbols[0], "1"), key: "same-key"), HttpStatusCode.OK);
            Assert.Equal(1, answer.GetProperty("stored").GetInt32());
        }
        var totals = await Client.SendAsync(Admin(HttpMethod.Get, "/api/corrections"), HttpStatusCode.OK);
        Assert.Equal(1, totals.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Correct_BadRequest_GetsAProblem()
    {
        var png = Canvas("7+4");
        var symbols = (await RecognizeAsync(Client, png)).GetProperty("symbols");
        var good = Fix(symbols[0], "1");
        await ExpectProblem(new HttpRequestMessage(HttpMethod.Post, "/api/corrections") { Content = new ByteArrayContent(png) { Headers = { ContentType = new("image/png") } } },
            HttpStatusCode.UnsupportedMediaType);
        var onlyCanvas = new MultipartFormDataContent { { new ByteArrayContent(png), CorrectionsPartNames.Canvas, "c.png" } };
        await ExpectProblem(new HttpRequestMessage(HttpMethod.Post, "/api/corrections") { Content = onlyCanvas }, HttpStatusCode.BadRequest, "Send both parts");
        await ExpectProblem(Correction(png, "{not json"), HttpStatusCode.BadRequest, "not a JSON array");
        await ExpectProblem(Correction(png, "[]"), HttpStatusCode.BadRequest, "no corrections");
        await ExpectProblem(Correction(png, Fix(symbols[0], "seven")), HttpStatusCode.BadRequest, "label 'seven'");
        await ExpectProblem(Correction(png, """[{"box":{"x":1,"y":1,"width":0,"height":5},"label":"1"}]"""), HttpStatusCode.BadRequest, "positive width");
        await ExpectProblem(Correction(png, """[{"label":"1"}]"""), HttpStatusCode.BadRequest, "positive width");
        var many = JsonSerializer.Serialize(Enumerable.Range(0, 65).Select(i => new { box = new { x = i, y = 0, width = 5, height = 5 }, label = "1" }));
        await ExpectProblem(Correction(png, many), HttpStatusCode.BadRequest, "At most 64");
        await ExpectProblem(Correction(png, """[{"box":{"x":880,"y":5,"width":10,"height":10},"label":"1"}]"""), HttpStatusCode.UnprocessableEntity, "matches no symbol");
        var twice = JsonSerializer.Serialize(new[] { new { box = symbols[0].GetProperty("box"), label = "1" }, new { box = symbols[0].GetProperty("box"), label = "2" } });
        await ExpectProblem(Correction(png, twice), HttpStatusCode.UnprocessableEntity, "both match");
        await ExpectProblem(Correction(png, good, canvasType: "image/jpeg"), HttpStatusCode.UnsupportedMediaType, "application/json");
        await ExpectProblem(Correction([1, 2, 3], good), HttpStatusCode.BadRequest);
        await ExpectProblem(Correction(PngFiles.WithHeader(5000, 5000), good), HttpStatusCode.RequestEntityTooLarge);
        await ExpectProblem(Correction(PngFiles.WithHeader(2049, 2048), good), HttpStatusCode.RequestEntityTooLarge, "pixels");
        await ExpectProblem(Correction(new byte[CanvasBody.Limit + 1], good), HttpStatusCode.RequestEntityTooLarge);
        await ExpectProblem(Correction(png, new string(' ', 70_000) + good), HttpStatusCode.RequestEntityTooLarge);
        var crowded = new CanvasSketch(width: 4000, height: 240, glyphSize: 40, spacing: 15).Write(new string('1', 70)).ToPng();
        await ExpectProblem(Correction(crowded, good), HttpStatusCode.UnprocessableEntity);

        var totals = await Client.SendAsync(Admin(HttpMethod.Get, "/api/corrections"), HttpStatusCode.OK);
        Assert.Equal(0, totals.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Correct_StrokeCanvas_IsCorrectedLikeItsPng()
    {
        var strokes = new CanvasSketch().Write("7+4").ToStrokeJson();
        var symbols = (await RecognizeAsync(Client, strokes, "application/json")).GetProperty("symbols");
        Assert.Equal(3, symbols.GetArrayLength());

        var answer = await Client.SendAsync(Correction(strokes, Fix(symbols[2], "9"), canvasType: "application/json"), HttpStatusCode.OK);
        Assert.Equal(1, answer.GetProperty("stored").GetInt32());
        Assert.Equal("7+9", answer.GetProperty("expression").GetString());
        Assert.Equal("16", answer.GetProperty("value").GetProperty("decimal").GetString());
        // The re-read carries the formula too, so the page can typeset the corrected reading.
        Assert.Equal("7+9", answer.GetProperty("latex").GetString());
        Assert.StartsWith("<math", answer.GetProperty("mathml").GetString());

        var (images, labels) = await ExportAsync(Client);
        Assert.Equal([(byte)SymbolClasses.IndexOf("9")], labels);
        Assert.Contains(images.Image(0).ToArray(), p => p > 128);
    }

    [Fact]
    public async Task Correct_AlreadyStored_IsAppliedButNotStoredAgain()
    {
        var strokes = new CanvasSketch().Write("3+5").ToStrokeJson();
        var symbols = (await RecognizeAsync(Client, strokes, "application/json")).GetProperty("symbols");
        await Client.SendAsync(Correction(strokes, Fix(symbols[0], "8"), canvasType: "application/json"), HttpStatusCode.OK);

        var both = JsonSerializer.Serialize(new object[]
        {
            new { box = symbols[0].GetProperty("box"), label = "8", alreadyStored = true },
            new { box = symbols[2].GetProperty("box"), label = "6" },
        });
        var answer = await Client.SendAsync(Correction(strokes, both, canvasType: "application/json"), HttpStatusCode.OK);
        Assert.Equal(1, answer.GetProperty("stored").GetInt32());
        Assert.Equal("8+6", answer.GetProperty("expression").GetString());

        var (_, labels) = await ExportAsync(Client);
        Assert.Equal([(byte)8, (byte)6], labels);
    }

    public static TheoryData<string, string, HttpStatusCode> HostileStrokeCanvases => new()
    {
        { "NaN", """{"width":100,"height":100,"strokes":[[[1,NaN]]]}""", HttpStatusCode.BadRequest },
        { "deep nesting", """{"width":100,"height":100,"strokes":[[[1,1]]],"x":""" + new string('[', 5_000) + new string(']', 5_000) + "}", HttpStatusCode.BadRequest },
        { "point off the canvas", """{"width":100,"height":100,"strokes":[[[1,1],[101,50]]]}""", HttpStatusCode.BadRequest },
        { "no size", """{"strokes":[[[1,1]]]}""", HttpStatusCode.BadRequest },
        { "empty", "", HttpStatusCode.BadRequest },
        { "too many strokes", """{"width":100,"height":100,"strokes":[""" + string.Join(",", Enumerable.Repeat("[[1,1]]", StrokeCanvas.MaxStrokes + 1)) + "]}", HttpStatusCode.RequestEntityTooLarge },
        { "over 512 KB", """{"width":100,"height":100,"strokes":[[""" + string.Join(",", Enumerable.Repeat("[1,1]", 120_000)) + "]]}", HttpStatusCode.RequestEntityTooLarge },
        { "huge canvas", """{"width":100000,"height":100,"strokes":[[[1,1]]]}""", HttpStatusCode.RequestEntityTooLarge },
        { "more symbols than a canvas holds", """{"width":4000,"height":100,"strokes":[""" + string.Join(",", Enumerable.Range(0, 600).Select(i => $"[[{i * 6 + 1},50]]")) + "]}", HttpStatusCode.UnprocessableEntity },
    };

    [Theory]
    [MemberData(nameof(HostileStrokeCanvases))]
    public async Task Correct_HostileStrokeCanvas_GetsAProblemAndStoresNothing(string what, string json, HttpStatusCode status)
    {
        _ = what;
        await ExpectProblem(Correction(Encoding.UTF8.GetBytes(json), """[{"box":{"x":1,"y":1,"width":5,"height":5},"label":"1"}]""", canvasType: "application/json; charset=utf-8"), status);
        var totals = await Client.SendAsync(Admin(HttpMethod.Get, "/api/corrections"), HttpStatusCode.OK);
        Assert.Equal(0, totals.GetProperty("total").GetInt32());
    }

    /// <summary>The POST shares the recognise route's canvas-work limiter: past it and its queue, 429 with Retry-After.</summary>
    [Fact]
    public async Task Correct_PastTheCanvasWorkLimit_Gets429WithRetryAfter()
    {
        await using var factory = new MathWebFactory();
        factory.Settings["Limits:CanvasConcurrency"] = "1";
        factory.Settings["Limits:CanvasQueue"] = "0";
        using var client = factory.CreateClient();
        var strokes = new CanvasSketch().Write("7+4").ToStrokeJson();
        var symbols = (await RecognizeAsync(client, strokes, "application/json")).GetProperty("symbols");
        var fix = Fix(symbols[0], "1");

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.SendAsync(Correction(strokes, fix, canvasType: "application/json"))));
        try
        {
            Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"{a.StatusCode}"));
            Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
            var refused = Assert.Single(answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).Take(1));
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            foreach (var answer in answers) answer.Dispose();
        }
    }

    [Fact]
    public async Task AdminRoutes_WithoutTheToken_AreRefused()
    {
        foreach (var (method, url) in new[] { (HttpMethod.Get, "/api/corrections"), (HttpMethod.Get, "/api/corrections/export?file=images"), (HttpMethod.Delete, "/api/corrections") })
        {
            await ExpectProblem(Admin(method, url, token: null), HttpStatusCode.Unauthorized);
            await ExpectProblem(Admin(method, url, token: "wrong"), HttpStatusCode.Forbidden);
        }
        await ExpectProblem(Admin(HttpMethod.Get, "/api/corrections/export?file=both"), HttpStatusCode.BadRequest, "?file=images");
    }

    [Fact]
    public async Task Delete_StoredCorrections_RemovesEverything()
    {
        var png = Canvas("7+4");
        var symbols = (await RecognizeAsync(Client, png)).GetProperty("symbols");
        await Client.SendAsync(Correction(png, Fix(symbols[0], "1")), HttpStatusCode.OK);
        var deleted = await Client.SendAsync(Admin(HttpMethod.Delete, "/api/corrections"), HttpStatusCode.OK);
        Assert.Equal(1, deleted.GetProperty("deleted").GetInt32());
        var (images, labels) = await ExportAsync(Client);
        Assert.Equal(0, images.Count);
        Assert.Empty(labels);
    }

    [Fact]
    public async Task StoredCorrections_Restart_Survive()
    {
        var png = Canvas("3+5");
        string state;
        await using (var first = new MathWebFactory { DeleteStateOnDispose = false })
        {
            using var client = first.CreateClient();
            var symbols = (await RecognizeAsync(client, png)).GetProperty("symbols");
            await client.SendAsync(Correction(png, Fix(symbols[0], "8")), HttpStatusCode.OK);
            await client.SendAsync(Correction(png, Fix(symbols[2], "6")), HttpStatusCode.OK);
            state = first.StateDirectory;
        }
        await using var restarted = new MathWebFactory { StateDirectory = state };
        using var again = restarted.CreateClient();
        var (images, labels) = await ExportAsync(again);
        Assert.Equal(2, images.Count);
        Assert.Equal([(byte)8, (byte)6], labels);
    }

    private static async Task<(IdxImages Images, byte[] Labels)> ExportAsync(HttpClient client)
    {
        async Task<MemoryStream> Get(string file)
        {
            using var response = await client.SendAsync(Admin(HttpMethod.Get, $"/api/corrections/export?file={file}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        }
        using var images = await Get("images");
        using var labels = await Get("labels");
        return (IdxFile.ReadImages(images, CorrectionsExport.ImagesFileName), IdxFile.ReadLabels(labels, CorrectionsExport.LabelsFileName));
    }

    private async Task ExpectProblem(HttpRequestMessage request, HttpStatusCode status, string? detail = null)
    {
        using (request)
        using (var response = await Client.SendAsync(request))
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{request.RequestUri} answered {(int)response.StatusCode}, expected {(int)status}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (detail is not null) Assert.Contains(detail, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
        }
    }

    private static class CorrectionsPartNames
    {
        public const string Canvas = MathCluster.Web.Endpoints.CorrectionsEndpoints.CanvasPart, Corrections = MathCluster.Web.Endpoints.CorrectionsEndpoints.CorrectionsPart;
    }
}
