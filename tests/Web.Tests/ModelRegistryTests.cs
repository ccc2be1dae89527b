using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MathCluster.Recognition.Classification;
using MathCluster.TestSupport;
using MathCluster.Web.Tests.Support;

namespace MathCluster.Web.Tests;

/// <summary>
/// The model registry through the HTTP API on a real embedded silo with file grain storage: upload, the validation
/// gate, activate, rollback, the admin token, and the registry surviving a restart.
/// </summary>
public sealed class ModelRegistryTests : IAsyncLifetime
{
    // A host per test: each test changes the registry.
    private readonly RecognizeApiFixture _app = new();
    private static readonly string DefaultVersion = DefaultModel.Card().Version;

    private HttpClient Client => _app.Client;

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task UploadActivateRollback_ValidModel_SwitchTheVersionThatServes()
    {
        var model = ModelVariants.Relabelled("b");
        var uploaded = await Client.SendAsync(ModelAdmin.Upload(model, ModelVariants.CardFor(model, "v-b")), HttpStatusCode.Created);
        Assert.Equal("v-b", uploaded.GetProperty("version").GetString());
        Assert.Equal(ModelCard.HashOf(model), uploaded.GetProperty("sha256").GetString());
        Assert.InRange(uploaded.GetProperty("goldenAccuracy").GetDouble(), 0.9, 1.0);

        var registry = await Client.RegistryAsync();
        Assert.Equal(DefaultVersion, registry.GetProperty("activeVersion").GetString());
        Assert.Equal([DefaultVersion, "v-b"], registry.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        Assert.Equal(18, registry.GetProperty("versions")[1].GetProperty("card").GetProperty("classes").GetArrayLength());
        Assert.Equal(DefaultVersion, await RecognizedVersionAsync());

        var activation = await Client.SendAsync(ModelAdmin.Activate("v-b"), HttpStatusCode.OK);
        Assert.Equal("Complete", activation.GetProperty("status").GetString());
        Assert.All(activation.GetProperty("silos").EnumerateArray(), s => Assert.Equal("v-b", s.GetProperty("version").GetString()));
        Assert.Equal("v-b", await RecognizedVersionAsync());

        var rollback = await Client.SendAsync(ModelAdmin.Rollback(), HttpStatusCode.OK);
        Assert.Equal(DefaultVersion, rollback.GetProperty("version").GetString());
        Assert.Equal("v-b", rollback.GetProperty("previousVersion").GetString());
        Assert.Equal(DefaultVersion, await RecognizedVersionAsync());

        registry = await Client.RegistryAsync();
        Assert.Equal(["start", "activate", "rollback"], registry.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        var silo = Assert.Single(registry.GetProperty("silos").EnumerateArray());
        Assert.Equal(DefaultVersion, silo.GetProperty("version").GetString());
    }

    public static TheoryData<string> BadModels => ["corrupt file", "external data", "custom operator domain", "wrong input shape", "wrong class list", "low accuracy", "hash mismatch"];

    [Theory]
    [MemberData(nameof(BadModels))]
    public async Task Upload_ModelFailingTheGate_Is422AndNeverServes(string flaw)
    {
        var (model, card, reason) = flaw switch
        {
            "corrupt file" => (Bytes(5000), null, "not an ONNX model"),
            "external data" => (ModelVariants.WithExternalData(), null, "external file"),
            "custom operator domain" => (ModelVariants.WithCustomOperator(), null, "only the default ONNX domain"),
            "wrong input shape" => (ModelVariants.WithFlatInput(), null, "input must be float32 [N,1,28,28]"),
            "wrong class list" => (ModelVariants.Relabelled("c"), SymbolClasses.All.Take(14).ToList(), "differ from the contract"),
            "low accuracy" => (ModelVariants.AlwaysAnswering(7), null, "below the floor"),
            _ => (ModelVariants.Relabelled("d"), null, "SHA-256"),
        };
        var cardJson = ModelVariants.CardFor(model, "bad", card);
        if (flaw == "hash mismatch") cardJson = ModelVariants.CardFor(DefaultModel.ModelBytes(), "bad");

        var problem = await Client.SendAsync(ModelAdmin.Upload(model, cardJson), HttpStatusCode.UnprocessableEntity);
        Assert.Contains(reason, problem.GetProperty("detail").GetString());
        Assert.NotEmpty(problem.GetProperty("reasons").EnumerateArray());

        var registry = await Client.RegistryAsync();
        Assert.Equal(DefaultVersion, registry.GetProperty("activeVersion").GetString());
        Assert.Single(registry.GetProperty("versions").EnumerateArray());
        await Client.SendAsync(ModelAdmin.Activate("bad"), HttpStatusCode.NotFound);
        Assert.Equal(DefaultVersion, await RecognizedVersionAsync());
    }

    [Fact]
    public async Task AdminCalls_WithoutTheToken_AreRefused()
    {
        var model = ModelVariants.Relabelled("e");
        var card = ModelVariants.CardFor(model, "v-e");
        foreach (var (token, status) in new[] { ((string?)null, HttpStatusCode.Unauthorized), ("wrong-token", HttpStatusCode.Forbidden) })
        {
            await Client.SendAsync(ModelAdmin.Upload(model, card, token), status);
            await Client.SendAsync(ModelAdmin.Activate(DefaultVersion, token), status);
            await Client.SendAsync(ModelAdmin.Rollback(token), status);
        }
        Assert.Single((await Client.RegistryAsync()).GetProperty("versions").EnumerateArray());
    }

    [Fact]
    public async Task Upload_Malformed_IsAClear4xx()
    {
        var model = ModelVariants.Relabelled("f");
        await Client.SendAsync(ModelAdmin.Upload(model, ModelVariants.CardFor(model, "../etc")), HttpStatusCode.BadRequest);
        await Client.SendAsync(ModelAdmin.Upload(model, "{ not json"), HttpStatusCode.BadRequest);
        await Client.SendAsync(ModelAdmin.Upload([], ModelVariants.CardFor(model, "v-f")), HttpStatusCode.BadRequest);
        await Client.SendAsync(ModelAdmin.Activate("bad name!"), HttpStatusCode.BadRequest);
        await Client.SendAsync(ModelAdmin.Activate("never-uploaded"), HttpStatusCode.NotFound);
        await Client.SendAsync(ModelAdmin.Rollback(), HttpStatusCode.Conflict);

        using var notMultipart = new HttpRequestMessage(HttpMethod.Post, "/api/models") { Content = new ByteArrayContent(model) };
        notMultipart.Headers.Authorization = new("Bearer", MathWebFactory.AdminTokenValue);
        await Client.SendAsync(notMultipart, HttpStatusCode.UnsupportedMediaType);

        // The same upload twice is harmless; the same name with other bytes is a conflict.
        await Client.SendAsync(ModelAdmin.Upload(model, ModelVariants.CardFor(model, "v-f")), HttpStatusCode.Created);
        await Client.SendAsync(ModelAdmin.Upload(model, ModelVariants.CardFor(model, "v-f")), HttpStatusCode.OK);
        var other = ModelVariants.Relabelled("g");
        await Client.SendAsync(ModelAdmin.Upload(other, ModelVariants.CardFor(other, "v-f")), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Upload_OverTheSizeCap_Is413()
    {
        await using var capped = new MathWebFactory { Settings = { ["Models:MaxUploadBytes"] = "100000" } };
        using var client = capped.CreateClient();
        var model = ModelVariants.Relabelled("h");
        await client.SendAsync(ModelAdmin.Upload(model, ModelVariants.CardFor(model, "v-h")), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ActiveVersion_Restart_Survives()
    {
        var model = ModelVariants.Relabelled("i");
        string state;
        await using (var first = new MathWebFactory { DeleteStateOnDispose = false })
        {
            using var client = first.CreateClient();
            await client.SendAsync(ModelAdmin.Upload(model, ModelVariants.CardFor(model, "v-i")), HttpStatusCode.Created);
            await client.SendAsync(ModelAdmin.Activate("v-i"), HttpStatusCode.OK);
            state = first.StateDirectory;
        }

        await using var restarted = new MathWebFactory { StateDirectory = state };
        using var again = restarted.CreateClient();
        var registry = await again.RegistryAsync();
        Assert.Equal("v-i", registry.GetProperty("activeVersion").GetString());
        Assert.Equal("v-i", await RecognizedVersionAsync(again));
        await again.SendAsync(ModelAdmin.Rollback(), HttpStatusCode.OK);
        Assert.Equal(DefaultVersion, await RecognizedVersionAsync(again));
    }

    private Task<string?> RecognizedVersionAsync() => RecognizedVersionAsync(Client);

    private static async Task<string?> RecognizedVersionAsync(HttpClient client)
    {
        using var content = new ByteArrayContent(new CanvasSketch().Write("7+4").ToPng());
        content.Headers.ContentType = new("image/png");
        using var response = await client.PostAsync("/api/recognize", content);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("modelVersion").GetString();
    }

    private static byte[] Bytes(int count) => Enumerable.Range(0, count).Select(i => (byte)(i * 31 + 7)).ToArray();
}
