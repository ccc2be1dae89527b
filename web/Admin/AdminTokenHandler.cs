using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MathCluster.Web.Admin;

/// <summary>
/// Authenticates the admin bearer token: only from the Authorization header, except that the dashboard's pages may
/// present it in the cookie <see cref="DashboardTokenExchange"/> set. No token is a 401, a wrong one a 403, and a
/// client that sent too many wrong ones a 429 (problem details each).
/// </summary>
public sealed class AdminTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AdminToken token, WrongTokenThrottle throttle, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AdminToken";
    private const string Outcome = "admin-token-outcome";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented();
        if (presented is null) return Task.FromResult(AuthenticateResult.NoResult());
        var client = WrongTokenThrottle.ClientOf(Context);
        if (throttle.IsBlocked(client))
        {
            Context.Items[Outcome] = StatusCodes.Status429TooManyRequests;
            return Task.FromResult(AuthenticateResult.Fail("Too many wrong admin tokens."));
        }
        if (!token.Matches(presented))
        {
            throttle.RecordWrong(client);
            Context.Items[Outcome] = StatusCodes.Status403Forbidden;
            return Task.FromResult(AuthenticateResult.Fail("Wrong admin token."));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, AdminPolicy.Role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        (Context.Items[Outcome] as int?) switch
        {
            StatusCodes.Status429TooManyRequests => WriteAsync(StatusCodes.Status429TooManyRequests, "Too many wrong admin tokens",
                "This client sent too many wrong admin tokens; wait a minute.", ("Retry-After", ((int)WrongTokenThrottle.RetryAfter.TotalSeconds).ToString())),
            StatusCodes.Status403Forbidden => HandleForbiddenAsync(properties),
            _ => WriteAsync(StatusCodes.Status401Unauthorized, "Admin token required",
                "Send 'Authorization: Bearer <token>' (the token is Admin:Token, or the one the app printed at start-up).", ("WWW-Authenticate", "Bearer")),
        };

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteAsync(StatusCodes.Status403Forbidden, "Wrong admin token", "The bearer token does not match Admin:Token.");

    private string? Presented()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return NonEmpty(header["Bearer ".Length..].Trim());
        // The cookie is HttpOnly and SameSite=Strict, and only the dashboard's own pages and calls read it.
        if (Request.Path.StartsWithSegments(DashboardTokenExchange.Path) && Request.Cookies.TryGetValue(AdminToken.CookieName, out var cookie))
            return NonEmpty(cookie);
        return null;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private async Task WriteAsync(int status, string title, string detail, params (string Name, string Value)[] headers)
    {
        Response.StatusCode = status;
        foreach (var (name, value) in headers) Response.Headers[name] = value;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
