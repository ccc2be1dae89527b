using MathCluster.Hosting;
using MathCluster.Hosting.Health;
using MathCluster.Web.Admin;
using MathCluster.Web.Endpoints;
using MathCluster.Web.Hosting;
using Microsoft.AspNetCore.Connections;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.Dashboard;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddClusterDefaults("mathcluster-web");
builder.AddRecognizerCluster();
builder.Services.AddSingleton<RecognizerRetryPipeline>();
builder.Services.AddSingleton<RecognizerKeys>();
builder.Services.AddSingleton<GatewayLossSignal>();
builder.Services.AddSingleton<RecognizerClient>();
builder.Services.AddAdminAuthentication();
builder.Services.AddAdmissionControl();
builder.Services.AddOpenTelemetry()
    .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(o => o.Filter = context => !WarmupMarking.IsWarmup(context)).AddHttpClientInstrumentation())
    .WithMetrics(metrics => metrics.AddMeter(RecognizerRetryPipeline.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddPrometheusExporter());
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
{
    // Routing answers a wrong content type with a bare 415 before any endpoint runs; say what went wrong.
    if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && context.ProblemDetails.Detail is null)
        context.ProblemDetails.Detail = $"Content type '{context.HttpContext.Request.ContentType ?? "(none)"}' is not accepted here; " +
                                        $"/openapi/v1.json lists what each endpoint accepts.";
});
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
builder.Services.AddExceptionHandler<BadRequestBodyHandler>();
builder.Services.AddExceptionHandler<ClusterUnavailableHandler>();
builder.Services.AddOpenApi();
// Kestrel reads a socket into one pool block at a time: 64 KiB blocks take a /v2 tensor body in 13 reads, not 200.
builder.Services.AddSingleton<IMemoryPoolFactory<byte>, LargeBlockMemoryPoolFactory>();

var app = builder.Build();
app.UseWarmupMarking();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseDashboardTokenExchange();
app.UseAuthentication();
app.UseAuthorization();
app.UseAdmissionControl();

app.MapPrometheusScrapingEndpoint("/metrics");
app.MapOpenApi();
app.MapScalarApiReference();
app.MapClusterHealth();
app.MapOrleansDashboard(routePrefix: DashboardTokenExchange.Path).RequireAuthorization(AdminPolicy.Name);
var canvasWork = app.MapGroup("").RequireRateLimiting(AdmissionControl.CanvasPolicy);
canvasWork.MapRecognizeEndpoints();
canvasWork.MapBatchEndpoints();
canvasWork.MapInferenceProtocolEndpoints();
app.MapModelEndpoints();
app.MapCorrectionsEndpoints();

app.Services.GetRequiredService<AdminToken>().Announce(Console.Out);

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
