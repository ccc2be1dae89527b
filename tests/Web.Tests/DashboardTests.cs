using System.Net.Http.Headers;
using System.Text.Json;
using MathCluster.Hosting.Options;
using MathCluster.TestSupport;
using MathCluster.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace MathCluster.Web.Tests;

/// <summary>The real trace dashboard (deploy/dashboard) receiving the app's OTLP export, read through its API and in Chromium.</summary>
public sealed class DashboardTests
{
    [SkippableFact]
    public async Task Recognize_WithOtlpExport_ShowsUpInTheDashboardAsOneTraceWithAllItsSpans()
    {
        var executable = DashboardProcess.Executable;
        Skip.If(executable is null, "The Aspire dashboard is not restored: build deploy/dashboard (bash tests/run.sh does).");
        await using var dashboard = await DashboardProcess.StartAsync(executable!);
        await using var app = new OtlpWebFactory(dashboard.Otlp);
        using var client = app.CreateClient();

        using var content = new ByteArrayContent(new CanvasSketch().Write("7+4").ToPng());
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        (await client.PostAsync("/api/recognize", content)).EnsureSuccessStatusCode();

        using var api = new HttpClient { BaseAddress = dashboard.Ui };
        string[] expected = ["POST /api/recognize", "IRecognizerGrain/RecognizeCanvas", "decode", "segment", "normalise", "classify", "infer", "parse"];
        List<string>? names = null;
        string? traceId = null;
        bool found = await Eventually.TrueAsync(async () =>
        {
            // Other hosts in this test process trace too; look for the one trace that has every span.
            var spans = await SpansAsync(api);
            foreach (var trace in spans.Where(s => s.Name == "POST /api/recognize").Select(s => s.TraceId).Distinct())
            {
                names = spans.Where(s => s.TraceId == trace).Select(s => s.Name).ToList();
                if (expected.All(names.Contains))
                {
                    traceId = trace;
                    return true;
                }
            }
            return false;
        }, TimeSpan.FromSeconds(45));
        Assert.True(found, $"spans of the recognition trace: {string.Join(", ", names ?? [])}");

        if (!HeadlessChromium.Installed) return;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 800 } });
        // The trace's own page: the span waterfall from the web request through the grain call to the ONNX run.
        // A Blazor app: the spans appear once it has rendered.
        await page.GotoAsync(new Uri(dashboard.Ui, $"/traces/detail/{traceId}").ToString());
        await page.GetByText("infer", new PageGetByTextOptions { Exact = true }).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        var screenshot = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        // The test output folder, never a tracked file: a test run leaves the working tree as it found it.
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "dashboard-traces.png"), screenshot);
    }

    private static async Task<List<(string Name, string? TraceId)>> SpansAsync(HttpClient api)
    {
        using var json = JsonDocument.Parse(await api.GetStringAsync("/api/telemetry/traces"));
        return json.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray()
            .SelectMany(r => r.GetProperty("scopeSpans").EnumerateArray())
            .SelectMany(s => s.GetProperty("spans").EnumerateArray())
            .Select(s => (s.GetProperty("name").GetString()!, (string?)s.GetProperty("traceId").GetString()))
            .ToList();
    }

    private sealed class OtlpWebFactory(Uri otlp) : MathWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(TelemetryOptions.OtlpEndpointKey, otlp.ToString());
        }
    }
}
