using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MathCluster.Web.Tests.Support;

/// <summary>Model management calls as an operator (or the trainer's publish) makes them, with the test hosts' admin token.</summary>
public static class ModelAdmin
{
    public static HttpRequestMessage Upload(byte[] model, string cardJson, string? token = MathWebFactory.AdminTokenValue)
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(model) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, "model", "recognizer.onnx" },
            { new StringContent(cardJson, Encoding.UTF8, "application/json"), "card", "recognizer.card.json" },
        };
        return Authorized(new HttpRequestMessage(HttpMethod.Post, "/api/models") { Content = form }, token);
    }

    public static HttpRequestMessage Activate(string version, string? token = MathWebFactory.AdminTokenValue) =>
        Authorized(new HttpRequestMessage(HttpMethod.Post, $"/api/models/{Uri.EscapeDataString(version)}/activate"), token);

    public static HttpRequestMessage Rollback(string? token = MathWebFactory.AdminTokenValue) =>
        Authorized(new HttpRequestMessage(HttpMethod.Post, "/api/models/rollback"), token);

    /// <summary>Sends the request and fails the test with the response body if it did not answer <paramref name="expected"/>.</summary>
    public static async Task<JsonElement> SendAsync(this HttpClient client, HttpRequestMessage request, System.Net.HttpStatusCode expected)
    {
        using (request)
        using (var response = await client.SendAsync(request))
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {body}");
            return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
        }
    }

    public static async Task<JsonElement> RegistryAsync(this HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/models"));

    private static HttpRequestMessage Authorized(HttpRequestMessage request, string? token)
    {
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
