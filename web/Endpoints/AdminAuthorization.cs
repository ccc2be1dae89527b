using MathCluster.Web.Hosting;

namespace MathCluster.Web.Endpoints;

public static class AdminAuthorization
{
    /// <summary>
    /// Guards endpoints with the admin token: no token is a 401, a wrong one a 403 (problem details). A browser can
    /// open a guarded page once with ?token=… ; the token then lives in an HttpOnly cookie for that page's own calls.
    /// </summary>
    public static TBuilder RequireAdminToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var next = endpoint.RequestDelegate ?? throw new InvalidOperationException("The endpoint has no request delegate.");
            endpoint.RequestDelegate = async context =>
            {
                var token = context.RequestServices.GetRequiredService<AdminToken>();
                if (context.Request.Query.TryGetValue("token", out var query) && !string.IsNullOrEmpty(query))
                {
                    context.Request.Headers.Authorization = "Bearer " + query;
                    if (token.Check(context) == AdminAccess.Granted)
                        context.Response.Cookies.Append(AdminToken.CookieName, query!, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
                }
                switch (token.Check(context))
                {
                    case AdminAccess.Granted:
                        await next(context);
                        break;
                    case AdminAccess.Missing:
                        context.Response.Headers.WWWAuthenticate = "Bearer";
                        await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Admin token required",
                            detail: "Send 'Authorization: Bearer <token>' (the token is Admin:Token, or the one the app logged at start-up).").ExecuteAsync(context);
                        break;
                    default:
                        await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Wrong admin token",
                            detail: "The bearer token does not match Admin:Token.").ExecuteAsync(context);
                        break;
                }
            };
        });
        return builder;
    }
}
