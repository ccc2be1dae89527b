using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using MathCluster.Hosting;
using MathCluster.Hosting.Options;
using MathCluster.Recognition.Imaging;
using MathCluster.TestSupport;
using MathCluster.Web.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Statistics;

namespace MathCluster.Web.Tests;

/// <summary>
/// A silo that sheds load (Orleans' gateway load shedding, configured by LoadSheddingOptions) refuses the web app's
/// calls at once, and the web app answers them 503 with Retry-After, as problem details or the protocol's error:
/// never a 500, never a retry. The silo is real; only its view of the machine says it is past its CPU threshold.
/// </summary>
public sealed class LoadSheddingTests : IAsyncLifetime
{
    private readonly int _siloPort = FreePort.Next(), _gatewayPort = FreePort.Next();
    private readonly string _state = Directory.CreateTempSubdirectory("mathcluster-shedding-").FullName;
    private readonly SwitchableMachine _machine = new();
    private IHost _silo = null!;
    private MathWebFactory _web = null!;

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:SiloPort"] = _siloPort.ToString(),
            ["Cluster:GatewayPort"] = _gatewayPort.ToString(),
            ["Cluster:PrimarySiloPort"] = _siloPort.ToString(),
            ["Storage:Directory"] = _state,
                ["LoadShedding:CpuThreshold"] = "90",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddClusterDefaults("shedding-test-silo");
        builder.UseOrleans(silo =>
        {
            silo.AddRecognizerSilo(builder.Configuration);
            silo.Services.AddSingleton<IEnvironmentStatisticsProvider>(_machine);
        });
        _silo = builder.Build();
        await _silo.StartAsync();

        _web = new MathWebFactory();
        _web.Settings["Cluster:Mode"] = nameof(ClusterMode.Client);
        _web.Settings["Cluster:GatewayPort"] = _gatewayPort.ToString();
    }

    public async Task DisposeAsync()
    {
        await _web.DisposeAsync();
        await _silo.StopAsync();
        _silo.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    [Fact]
    public async Task ACanvasToASheddingSilo_Is503WithRetryAfter()
    {
        using var response = await AnswerOnceSheddingAsync(RecognizeAsync);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode} {body}");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(nameof(Orleans.Runtime.GatewayTooBusyException), body);
    }

    [Fact]
    public async Task AV2InferToASheddingSilo_Is503WithTheProtocolsError()
    {
        using var response = await AnswerOnceSheddingAsync(InferAsync);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("error").GetString()));
    }

    /// <summary>The first answer other than 200 to <paramref name="call"/> once the machine fills up (served normally before).</summary>
    private async Task<HttpResponseMessage> AnswerOnceSheddingAsync(Func<HttpClient, Task<HttpResponseMessage>> call)
    {
        using var client = _web.CreateClient();
        using (var before = await call(client)) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        _machine.Saturated = true;
        HttpResponseMessage? response = null;
        // The silo reads its statistics periodically: it starts shedding within a moment of the machine filling up.
        await Eventually.AssertAsync(async () =>
        {
            response?.Dispose();
            response = await call(client);
            return response.StatusCode != HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(30), "the silo sheds");
        return response!;
    }

    private static Task<HttpResponseMessage> RecognizeAsync(HttpClient client)
    {
        var content = new ByteArrayContent(PngFiles.BlackOnWhite(new InkImage(60, 40)));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return client.PostAsync("/api/recognize", content);
    }

    private static Task<HttpResponseMessage> InferAsync(HttpClient client) =>
        client.PostAsync("/v2/models/recognizer/infer", InferenceBodies.Json(new
        {
            inputs = new[] { new { name = "input", shape = new[] { 1, 784 }, datatype = "FP32", data = new float[784] } },
        }));

    /// <summary>The machine as the silo sees it: idle, or (once <see cref="Saturated"/>) its own process using every core.</summary>
    private sealed class SwitchableMachine : IEnvironmentStatisticsProvider
    {
        private const long Memory = 8L * 1024 * 1024 * 1024;

        // Orleans builds these only inside itself (the constructor is internal): CPU (filtered, raw), memory used
        // (filtered, raw), memory available (filtered, raw), memory the process may use.
        private static readonly EnvironmentStatistics Busy = Statistics(100f), Idle = Statistics(5f);

        public volatile bool Saturated;

        public EnvironmentStatistics GetEnvironmentStatistics() => Saturated ? Busy : Idle;

        private static EnvironmentStatistics Statistics(float cpu) => (EnvironmentStatistics)Activator.CreateInstance(
            typeof(EnvironmentStatistics), BindingFlags.Instance | BindingFlags.NonPublic, null,
            [cpu, cpu, Memory / 10, Memory / 10, Memory - Memory / 10, Memory - Memory / 10, Memory], null)!;
    }
}
