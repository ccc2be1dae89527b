using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MathCluster.TestSupport;

namespace MathCluster.Web.Tests;

public class BatchApiTests(RecognizeApiFixture fixture) : IClassFixture<RecognizeApiFixture>
{
    private static readonly string[] Expressions = ["7+4", "4×7", "71-4=", "7-1"];

    [Fact]
    public async Task Batch_MixedImages_StreamsOneLinePerImageInInputOrderWithPerItemErrors()
    {
        using var form = new MultipartFormDataContent();
        var expected = new List<(int Status, string? Expression)>();
        for (int i = 0; i < 24; i++)
        {
            if (i == 5)
            {
                Add(form, "garbage"u8.ToArray(), "broken.png");
                expected.Add((400, null));
                continue;
            }
            if (i == 17)
            {
                Add(form, PngFiles.WithHeader(20000, 20000), "huge.png");
                expected.Add((413, null));
                continue;
            }
            string text = Expressions[i % Expressions.Length];
            Add(form, new CanvasSketch().Write(text).ToPng(), $"canvas-{i}.png");
            expected.Add((200, text.Replace("×", "*").TrimEnd('=')));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/batch") { Content = form };
        using var response = await fixture.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentLength);

        var lines = await ReadLinesAsync(response);
        Assert.Equal(expected.Count, lines.Count);
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i].RootElement;
            Assert.Equal(i, line.GetProperty("index").GetInt32());
            Assert.Equal(expected[i].Status, line.GetProperty("status").GetInt32());
            if (expected[i].Status == 200)
            {
                var result = line.GetProperty("result");
                Assert.Equal(expected[i].Expression, result.GetProperty("expression").GetString());
                Assert.False(string.IsNullOrEmpty(result.GetProperty("modelVersion").GetString()));
                Assert.False(line.TryGetProperty("problem", out _));
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(line.GetProperty("problem").GetProperty("detail").GetString()));
                Assert.False(line.TryGetProperty("result", out _));
            }
        }
        Assert.Equal("broken.png", lines[5].RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Batch_OversizedImage_IsItsOwnErrorAndTheImagesAfterItAreStillRead()
    {
        using var form = new MultipartFormDataContent();
        Add(form, new byte[8 * 1024 * 1024 + 1], "too-big.png");
        Add(form, new CanvasSketch().Write("7+4").ToPng(), "after.png");
        using var response = await fixture.Client.PostAsync("/api/batch", form);
        var lines = await ReadLinesAsync(response);
        Assert.Equal(2, lines.Count);
        Assert.Equal(413, lines[0].RootElement.GetProperty("status").GetInt32());
        Assert.Equal(200, lines[1].RootElement.GetProperty("status").GetInt32());
        Assert.Equal("7+4", lines[1].RootElement.GetProperty("result").GetProperty("expression").GetString());
    }

    [Fact]
    public async Task Batch_EmptyPart_GetsAnErrorLine()
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(""), "nothing");
        using var response = await fixture.Client.PostAsync("/api/batch", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = await ReadLinesAsync(response);
        var line = Assert.Single(lines);
        Assert.Equal(400, line.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Batch_NonMultipartBody_IsAProblem()
    {
        using var content = new ByteArrayContent(new CanvasSketch().Write("7").ToPng());
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var response = await fixture.Client.PostAsync("/api/batch", content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Batch_MoreThanTheAllowedParts_EndsWithAnErrorLineAfterTheAllowedOnes()
    {
        var png = new CanvasSketch(width: 60, height: 60, glyphSize: 40).Write("1").ToPng();
        using var form = new MultipartFormDataContent();
        for (int i = 0; i < 1003; i++) Add(form, png, $"{i}.png");
        using var response = await fixture.Client.PostAsync("/api/batch", form);
        var lines = await ReadLinesAsync(response);
        Assert.Equal(1001, lines.Count);
        Assert.All(lines.Take(1000), l => Assert.Equal(200, l.RootElement.GetProperty("status").GetInt32()));
        Assert.Equal(413, lines[^1].RootElement.GetProperty("status").GetInt32());
    }

    private static void Add(MultipartFormDataContent form, byte[] bytes, string fileName)
    {
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(part, "images", fileName);
    }

    private static async Task<List<JsonDocument>> ReadLinesAsync(HttpResponseMessage response)
    {
        var lines = new List<JsonDocument>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
            if (line.Length > 0) lines.Add(JsonDocument.Parse(line));
        return lines;
    }
}
