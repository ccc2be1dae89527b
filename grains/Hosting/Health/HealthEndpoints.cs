using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MathCluster.Hosting.Health;

/// <summary>Tags that decide which health map runs a check.</summary>
public static class HealthTags
{
    /// <summary>The process answers; failing it means restart the process.</summary>
    public const string Live = "live";
    /// <summary>The process should get work: the cluster answers and a model is loaded.</summary>
    public const string Ready = "ready";
}

/// <summary>
/// The one health surface of every process: /healthz and /readyz (Kubernetes probes, the cluster script) and the Open
/// Inference Protocol's /v2/health/live and /v2/health/ready, each running the checks of its tag.
/// </summary>
public static class HealthEndpoints
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";
    public const string ProtocolLivenessPath = "/v2/health/live";
    public const string ProtocolReadinessPath = "/v2/health/ready";

    public static IEndpointRouteBuilder MapClusterHealth(this IEndpointRouteBuilder routes)
    {
        Map(routes, LivenessPath, HealthTags.Live, WriteStatusAsync("alive"));
        Map(routes, ReadinessPath, HealthTags.Ready, WriteStatusAsync("ready"));
        Map(routes, ProtocolLivenessPath, HealthTags.Live, WriteProtocolAsync("live"));
        Map(routes, ProtocolReadinessPath, HealthTags.Ready, WriteProtocolAsync("ready"));
        return routes;
    }

    private static void Map(IEndpointRouteBuilder routes, string path, string tag, Func<HttpContext, HealthReport, Task> writer) =>
        routes.MapHealthChecks(path, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(tag),
            ResponseWriter = writer,
            // Degraded still serves; only Unhealthy turns traffic away.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).WithMetadata(new Microsoft.AspNetCore.Routing.ExcludeFromDescriptionAttribute());

    /// <summary>{"status":"ready", the checks' data (modelVersion, silo, ...), "checks":{name: status}}.</summary>
    private static Func<HttpContext, HealthReport, Task> WriteStatusAsync(string healthy) => (context, report) =>
        WriteAsync(context, "application/json", json =>
        {
            json.WriteString("status", report.Status == HealthStatus.Unhealthy ? "not " + healthy : healthy);
            foreach (var (key, value) in report.Entries.Values.SelectMany(e => e.Data))
                json.WriteString(JsonNamingPolicy.CamelCase.ConvertName(key), value?.ToString());
            json.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
                json.WriteString(name, entry.Status == HealthStatus.Unhealthy ? $"{entry.Status}: {entry.Description ?? entry.Exception?.Message}" : entry.Status.ToString());
            json.WriteEndObject();
        });

    /// <summary>The protocol's {"live": true} / {"ready": true}, or its {"error": ...} with 503.</summary>
    private static Func<HttpContext, HealthReport, Task> WriteProtocolAsync(string property) => (context, report) =>
        WriteAsync(context, "application/json", json =>
        {
            if (report.Status != HealthStatus.Unhealthy) json.WriteBoolean(property, true);
            else json.WriteString("error", string.Join("; ", report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy)
                .Select(e => $"{e.Key}: {e.Value.Description ?? e.Value.Exception?.Message}")));
        });

    private static async Task WriteAsync(HttpContext context, string contentType, Action<Utf8JsonWriter> body)
    {
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-store";
        var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }
}
