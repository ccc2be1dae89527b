namespace MathCluster.Web.Admin;

/// <summary>
/// A browser opens the dashboard once as /dashboard/?token=…: the right token is swapped for an HttpOnly,
/// SameSite=Strict cookie (Secure over HTTPS) and a redirect to the same page without it, so the token leaves the
/// address bar and history at once. A wrong one is a 403 and counts as a wrong guess. Nowhere else is a token in the
/// query string accepted.
/// </summary>
public static class DashboardTokenExchange
{
    public const string Path = "/dashboard";
    public const string QueryName = "token";

    public static IApplicationBuilder UseDashboardTokenExchange(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || !request.Path.StartsWithSegments(Path) || !request.Query.TryGetValue(QueryName, out var values))
        {
            await next(context);
            return;
        }
        var token = context.RequestServices.GetRequiredService<AdminToken>();
        var throttle = context.RequestServices.GetRequiredService<WrongTokenThrottle>();
        var client = WrongTokenThrottle.ClientOf(context);
        string presented = values.ToString();
        if (throttle.IsBlocked(client) || !token.Matches(presented))
        {
            throttle.RecordWrong(client);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Wrong admin token",
                detail: "The token in the address does not match Admin:Token.").ExecuteAsync(context);
            return;
        }
        context.Response.Cookies.Append(AdminToken.CookieName, presented, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = request.IsHttps,
            Path = Path,
        });
        var rest = request.Query.Where(q => q.Key != QueryName).SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        context.Response.Redirect(request.PathBase + request.Path + QueryString.Create(rest));
    });
}
