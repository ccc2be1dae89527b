using System.Net;
using System.Net.Http.Headers;
using MathCluster.Web.Hosting;
using MathCluster.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MathCluster.Web.Tests;

/// <summary>The Orleans dashboard has no authentication of its own; the app serves it behind the admin token.</summary>
public sealed class OrleansDashboardTests : IAsyncLifetime
{
    private const string Token = "test-admin-token";
    private readonly TokenWebFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task WithoutATokenIs401AndWithAWrongOneIs403()
    {
        using var client = _factory.CreateClient();
        using var missing = await client.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bearer", missing.Headers.WwwAuthenticate.ToString());

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");
        using var forbidden = await client.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task TheRightBearerTokenOpensTheDashboard()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Orleans Dashboard", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ABrowserOpensItOnceWithTheTokenInTheQueryAndKeepsItInACookie()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        using var first = await client.GetAsync($"/dashboard/?token={Token}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AdminToken.CookieName) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));

        using var script = await client.GetAsync("/dashboard/index.min.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    private sealed class TokenWebFactory : MathWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(AdminToken.ConfigurationKey, Token);
        }
    }
}
