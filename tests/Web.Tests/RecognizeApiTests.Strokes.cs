using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MathCluster.Recognition.Imaging;
using MathCluster.TestSupport;

namespace MathCluster.Web.Tests;

/// <summary>
/// Stroke input on POST /api/recognize and /api/batch through the real app: the page's JSON format in, the same answer
/// as for the PNG of the same drawing out, plus a confidence; hostile JSON always gets a 4xx problem, never a 500.
/// </summary>
public sealed partial class RecognizeApiTests
{
    private async Task<HttpResponseMessage> PostJsonAsync(byte[] json, string contentType = "application/json")
    {
        var content = new ByteArrayContent(json);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return await Client.PostAsync(Recognize, content);
    }

    private async Task<JsonDocument> OkJsonAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        output.WriteLine(body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(body);
    }

    [Theory]
    [InlineData("71-4=", "71-4")]
    [InlineData("7+4", "7+4")]
    [InlineData("4×7", "4*7")]
    public async Task Strokes_AreReadLikeThePngOfTheSameDrawing_WithAConfidence(string text, string expression)
    {
        var sketch = new CanvasSketch().Write(text);

        using var fromStrokes = await OkJsonAsync(await PostJsonAsync(sketch.ToStrokeJson()));
        using var fromPng = await OkJsonAsync(await PostPngAsync(sketch.ToPng()));

        var root = fromStrokes.RootElement;
        Assert.Equal(expression, root.GetProperty("expression").GetString());
        Assert.Equal(expression, fromPng.RootElement.GetProperty("expression").GetString());
        Assert.Equal(text.Length, root.GetProperty("symbols").GetArrayLength());
        Assert.InRange(root.GetProperty("confidence").GetDouble(), 0.0001, 1);
        Assert.InRange(fromPng.RootElement.GetProperty("confidence").GetDouble(), 0.0001, 1);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("modelVersion").GetString()));
    }

    public static TheoryData<string, string, HttpStatusCode> HostileBodies => new()
    {
        { "deep nesting", """{"width":100,"height":100,"strokes":[[[1,1]]],"x":""" + new string('[', 50_000) + new string(']', 50_000) + "}", HttpStatusCode.BadRequest },
        { "NaN", """{"width":100,"height":100,"strokes":[[[1,NaN]]]}""", HttpStatusCode.BadRequest },
        { "infinity", """{"width":100,"height":100,"strokes":[[[1,1e999]]]}""", HttpStatusCode.BadRequest },
        { "point off the canvas", """{"width":100,"height":100,"strokes":[[[1,1],[101,50]]]}""", HttpStatusCode.BadRequest },
        { "negative point", """{"width":100,"height":100,"strokes":[[[-3,1]]]}""", HttpStatusCode.BadRequest },
        { "not an object", """[[[1,1]]]""", HttpStatusCode.BadRequest },
        { "truncated", """{"width":100,"height":100,"strokes":[[[1,1]""", HttpStatusCode.BadRequest },
        { "empty", "", HttpStatusCode.BadRequest },
        { "too many strokes", """{"width":100,"height":100,"strokes":[""" + string.Join(",", Enumerable.Repeat("[[1,1]]", StrokeCanvas.MaxStrokes + 1)) + "]}", HttpStatusCode.RequestEntityTooLarge },
        { "huge array", """{"width":100,"height":100,"strokes":[[""" + string.Join(",", Enumerable.Repeat("[1,1]", 120_000)) + "]]}", HttpStatusCode.RequestEntityTooLarge },
        { "huge canvas", """{"width":100000,"height":100,"strokes":[[[1,1]]]}""", HttpStatusCode.RequestEntityTooLarge },
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task HostileStrokeJson_GetsA4xxProblem(string what, string json, HttpStatusCode expected)
    {
        output.WriteLine(what);
        using var response = await PostJsonAsync(Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8");
        await AssertProblemAsync(response, expected);
    }

    [Fact]
    public async Task ABatch_TakesStrokePartsBesidePngs_EachWithItsOwnLine()
    {
        using var form = new MultipartFormDataContent();
        void Add(byte[] bytes, string type, string name)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(part, "canvases", name);
        }
        Add(new CanvasSketch().Write("7+4").ToStrokeJson(), "application/json", "a.json");
        Add("""{"width":10,"height":10,"strokes":[[[1,NaN]]]}"""u8.ToArray(), "application/json", "bad.json");
        Add(new CanvasSketch().Write("4×7").ToPng(), "image/png", "c.png");

        using var response = await Client.PostAsync("/api/batch", form);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.Equal([200, 400, 200], lines.Select(l => l.GetProperty("status").GetInt32()));
        Assert.Equal("7+4", lines[0].GetProperty("result").GetProperty("expression").GetString());
        Assert.InRange(lines[0].GetProperty("result").GetProperty("confidence").GetDouble(), 0.0001, 1);
        Assert.Equal("4*7", lines[2].GetProperty("result").GetProperty("expression").GetString());
    }
}
