using System.Net;
using System.Net.Http.Headers;
using MathCluster.Web.Admin;
using MathCluster.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MathCluster.Web.Tests;

/// <summary>The Orleans dashboard has no authentication of its own; the app serves it behind the admin token.</summary>
public sealed class OrleansDashboardTests : IAsyncLifetime
{
    private const string Token = MathWebFactory.AdminTokenValue;
    private readonly MathWebFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Dashboard_WithoutOrWithAWrongToken_Is401Or403()
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
    public async Task Dashboard_RightBearerToken_Opens()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Orleans Dashboard", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Dashboard_BrowserWithTheTokenInTheQuery_IsRedirectedWithoutItAndKeepsItInACookie()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        using var first = await client.GetAsync($"/dashboard/?token={Token}");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/dashboard/", first.Headers.Location?.OriginalString);
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AdminToken.CookieName));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        using var page = await client.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var script = await client.GetAsync("/dashboard/index.min.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task DashboardCookie_OtherAdminRoutes_OpensNothingButTheDashboard()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        using var opened = await client.GetAsync($"/dashboard/?token={Token}");
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        using var rollback = await client.PostAsync("/api/models/rollback", null);
        Assert.Equal(HttpStatusCode.Unauthorized, rollback.StatusCode);
    }

    [Fact]
    public async Task AdminPosts_TokenInTheQueryString_AreRefused()
    {
        using var client = _factory.CreateClient();
        using var rollback = await client.PostAsync($"/api/models/rollback?token={Token}", null);
        Assert.Equal(HttpStatusCode.Unauthorized, rollback.StatusCode);
    }
}
