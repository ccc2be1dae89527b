using MathCluster.Grains.Hosting;
using MathCluster.Web.Endpoints;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using MathCluster.Web.Hosting;
using Orleans.Dashboard;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddRecognizerCluster();
builder.Services.Configure<RecognizerRetryOptions>(builder.Configuration.GetSection(RecognizerRetryOptions.Section));
builder.Services.AddSingleton<RecognizerRetryPipeline>();
builder.Services.AddSingleton<RecognizerKeys>();
builder.Services.AddSingleton<GatewayLossSignal>();
builder.Services.AddSingleton<RecognizerClient>();
builder.Services.AddSingleton<AdminToken>();
builder.Services.AddRecognizerTelemetry(builder.Configuration, "mathcluster-web")
    .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
    .WithMetrics(metrics => metrics.AddMeter(RecognizerRetryPipeline.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddPrometheusExporter());
builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
{
    // Routing answers a wrong content type with a bare 415 before any endpoint runs; say what went wrong.
    if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && context.ProblemDetails.Detail is null)
        context.ProblemDetails.Detail = $"Content type '{context.HttpContext.Request.ContentType ?? "(none)"}' is not accepted here; " +
                                        $"/openapi/v1.json lists what each endpoint accepts.";
});
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
builder.Services.AddExceptionHandler<ClusterUnavailableHandler>();
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();

app.MapPrometheusScrapingEndpoint("/metrics");
app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealthEndpoints();
app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAdminToken();
app.MapRecognizeEndpoints();
app.MapBatchEndpoints();
app.MapInferenceProtocolEndpoints();
app.MapModelEndpoints();
app.MapCorrectionsEndpoints();

var adminToken = app.Services.GetRequiredService<AdminToken>();
if (adminToken.Generated)
    app.Logger.LogWarning("Admin token for /dashboard and model management (set Admin:Token to choose one): {AdminToken}", adminToken.Value);

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
