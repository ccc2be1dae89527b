using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MathCluster.Recognition.Classification;
using MathCluster.TestSupport;
using MathCluster.Trainer.Publishing;
using MathCluster.Web.Tests.Support;

namespace MathCluster.Trainer.Tests;

/// <summary>The trainer's publish against the real web app with its embedded silo: upload, activate, and the gate's answer.</summary>
public sealed class PublishTests : IAsyncLifetime
{
    private readonly MathWebFactory _app = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("mathcluster-publish-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Publish_WithActivate_MakesTheModelServe()
    {
        var path = WriteModel(ModelVariants.Relabelled("published"), "v-published");
        using var http = _app.CreateClient();

        var outcome = await new ModelPublisher(http, MathWebFactory.AdminTokenValue, "trainer-test").PublishAsync(path, activate: true);

        Assert.True(outcome.Succeeded, outcome.UploadAnswer + outcome.ActivationAnswer);
        Assert.Equal(HttpStatusCode.Created, outcome.UploadStatus);
        Assert.Equal(HttpStatusCode.OK, outcome.ActivationStatus);
        var registry = await http.GetFromJsonAsync<JsonElement>("/api/models");
        Assert.Equal("v-published", registry.GetProperty("activeVersion").GetString());
        var last = registry.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("trainer-test", last.GetProperty("by").GetString());
    }

    [Fact]
    public async Task Publish_RejectedModel_IsReportedAndNotActivated()
    {
        var path = WriteModel(ModelVariants.AlwaysAnswering(3), "v-bad");
        using var http = _app.CreateClient();

        var outcome = await new ModelPublisher(http, MathWebFactory.AdminTokenValue).PublishAsync(path, activate: true);

        Assert.False(outcome.Succeeded);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outcome.UploadStatus);
        Assert.Contains("golden", outcome.UploadAnswer, StringComparison.OrdinalIgnoreCase);
        Assert.Null(outcome.ActivationStatus);
        var registry = await http.GetFromJsonAsync<JsonElement>("/api/models");
        Assert.Equal(DefaultModel.Card().Version, registry.GetProperty("activeVersion").GetString());
    }

    [Fact]
    public async Task Publish_WrongToken_IsForbidden()
    {
        var path = WriteModel(ModelVariants.Relabelled("token"), "v-token");
        using var http = _app.CreateClient();

        var outcome = await new ModelPublisher(http, "not-the-token").PublishAsync(path, activate: false);

        Assert.False(outcome.Succeeded);
        Assert.Equal(HttpStatusCode.Forbidden, outcome.UploadStatus);
    }

    private string WriteModel(byte[] model, string version)
    {
        var path = Path.Combine(_folder, version + ".onnx");
        File.WriteAllBytes(path, model);
        File.WriteAllText(ModelCard.CardPathFor(path), ModelVariants.CardFor(model, version));
        return path;
    }
}
