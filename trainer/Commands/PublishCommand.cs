using MathCluster.Recognition.Classification;
using MathCluster.Trainer.Publishing;
using Spectre.Console;

namespace MathCluster.Trainer.Commands;

/// <summary>publish: uploads a trained model to a running cluster and optionally activates it.</summary>
public static class PublishCommand
{
    public const string TokenVariable = "MATHCLUSTER_ADMIN_TOKEN";

    public static async Task<int> RunAsync(string modelPath, Uri url, string? token, bool activate, string? operatorName, CancellationToken cancellationToken)
    {
        token ??= Environment.GetEnvironmentVariable(TokenVariable);
        if (string.IsNullOrWhiteSpace(token))
        {
            Console.Error.WriteLine($"Give the cluster's admin token with --token or {TokenVariable} (the web app logs it at start-up when Admin:Token is unset).");
            return 2;
        }
        if (!File.Exists(modelPath) || !File.Exists(ModelCard.CardPathFor(modelPath)))
        {
            Console.Error.WriteLine($"Model {modelPath} or its card {ModelCard.CardPathFor(modelPath)} not found.");
            return 2;
        }
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
        PublishOutcome outcome;
        try
        {
            outcome = await new ModelPublisher(http, token, operatorName).PublishAsync(modelPath, activate, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"Cannot reach {url}: {e.Message}");
            return 1;
        }
        AnsiConsole.MarkupLineInterpolated($"Upload: [bold]{(int)outcome.UploadStatus} {outcome.UploadStatus}[/] {Summary(outcome.UploadAnswer, "version", "goldenAccuracy", "detail")}");
        if (outcome.ActivationStatus is { } status)
            AnsiConsole.MarkupLineInterpolated($"Activation: [bold]{(int)status} {status}[/] {Summary(outcome.ActivationAnswer!, "status", "version", "elapsedMilliseconds", "detail")}");
        return outcome.Succeeded ? 0 : 1;
    }

    // The answers are long (a card, every silo); the fields worth a line are few.
    private static string Summary(string answer, params string[] fields)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(answer);
            return string.Join(", ", fields.Where(f => json.RootElement.TryGetProperty(f, out _)).Select(f => $"{f} {json.RootElement.GetProperty(f)}"));
        }
        catch (System.Text.Json.JsonException)
        {
            return answer;
        }
    }
}
