using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MathCluster.Recognition.Classification;

namespace MathCluster.Trainer.Publishing;

/// <summary>What publishing did: the upload's and (if asked) the activation's HTTP status and answer.</summary>
public sealed record PublishOutcome(bool Succeeded, HttpStatusCode UploadStatus, string UploadAnswer, HttpStatusCode? ActivationStatus, string? ActivationAnswer);

/// <summary>
/// Sends a trained model and its card to a running cluster's POST /api/models (the validation gate runs there), and
/// optionally activates it, with the cluster's admin token.
/// </summary>
public sealed class ModelPublisher(HttpClient http, string token, string? operatorName = null)
{
    public async Task<PublishOutcome> PublishAsync(string modelPath, bool activate, CancellationToken cancellationToken = default)
    {
        var model = await File.ReadAllBytesAsync(modelPath, cancellationToken);
        var cardJson = await File.ReadAllTextAsync(ModelCard.CardPathFor(modelPath), cancellationToken);
        var version = ModelCard.Parse(System.Text.Encoding.UTF8.GetBytes(cardJson)).Version;

        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(model) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, "model", Path.GetFileName(modelPath) },
            { new StringContent(cardJson, System.Text.Encoding.UTF8, "application/json"), "card", Path.GetFileName(ModelCard.CardPathFor(modelPath)) },
        };
        var (uploadStatus, uploadAnswer) = await SendAsync(HttpMethod.Post, "api/models", form, cancellationToken);
        bool uploaded = uploadStatus is HttpStatusCode.Created or HttpStatusCode.OK;
        if (!uploaded || !activate) return new PublishOutcome(uploaded, uploadStatus, uploadAnswer, null, null);

        var (activationStatus, activationAnswer) = await SendAsync(HttpMethod.Post, $"api/models/{Uri.EscapeDataString(version)}/activate", null, cancellationToken);
        return new PublishOutcome(activationStatus == HttpStatusCode.OK, uploadStatus, uploadAnswer, activationStatus, activationAnswer);
    }

    private async Task<(HttpStatusCode Status, string Answer)> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (operatorName is not null) request.Headers.Add("X-Operator", operatorName);
        using var response = await http.SendAsync(request, cancellationToken);
        return (response.StatusCode, Pretty(await response.Content.ReadAsStringAsync(cancellationToken)));
    }

    private static string Pretty(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return JsonSerializer.Serialize(document.RootElement, ModelCard.Json);
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
