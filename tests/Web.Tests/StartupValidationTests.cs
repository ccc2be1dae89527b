using System.Net;
using System.Net.Http.Headers;
using MathCluster.Hosting.Options;
using MathCluster.Web.Tests.Support;

namespace MathCluster.Web.Tests;

/// <summary>A bad setting stops the app before it serves anything, with one line that names the setting.</summary>
public class StartupValidationTests
{
    [Theory]
    [InlineData("Cluster:SiloPort", "70000", "Cluster:SiloPort")]
    [InlineData("Cluster:GatewayPort", "not-a-port", "Cluster:GatewayPort")]
    [InlineData("Cluster:Clustering", "Zookeeper", "Cluster:Clustering")]
    [InlineData("Admin:Token", "short-token", "Admin:Token")]
    [InlineData("Admin:Token", AdminOptions.ManifestPlaceholder, "Admin:Token")]
    [InlineData("Models:Path", "/nowhere/recognizer.onnx", "Models:Path")]
    [InlineData("Limits:MaxCanvasPixels", "0", "Limits:MaxCanvasPixels")]
    [InlineData("Limits:HeavyConcurrency", "0", "Limits:HeavyConcurrency")]
    [InlineData("Limits:HeavyBodyBytes", "-1", "Limits:HeavyBodyBytes")]
    public async Task Start_WithABadSetting_FailsNamingTheKey(string key, string value, string named)
    {
        await using var factory = new MathWebFactory();
        factory.Settings[key] = value;
        var failure = Record.Exception(() => factory.CreateClient());
        Assert.NotNull(failure);
        var messages = Flatten(failure).Select(e => e.Message).ToList();
        Assert.Contains(messages, m => m.Contains(named, StringComparison.Ordinal) && !m.Contains('\n'));
    }

    [Fact]
    public async Task WrongAdminTokens_AreThrottled_EvenForTheRightOneAfterwards()
    {
        await using var factory = new MathWebFactory();
        factory.Settings["Limits:WrongTokensPerMinute"] = "2";
        using var client = factory.CreateClient();
        var answers = new List<HttpStatusCode>();
        foreach (var token in new[] { "wrong-1", "wrong-2", "wrong-3", MathWebFactory.AdminTokenValue })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/models/rollback");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request);
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) Assert.NotNull(response.Headers.RetryAfter);
        }
        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        yield return e;
        var inner = e is AggregateException aggregate ? aggregate.InnerExceptions : e.InnerException is { } one ? [one] : [];
        foreach (var child in inner)
        foreach (var nested in Flatten(child))
            yield return nested;
    }
}
