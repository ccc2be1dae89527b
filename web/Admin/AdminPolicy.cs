using Microsoft.AspNetCore.Authentication;

namespace MathCluster.Web.Admin;

/// <summary>The one authorization policy of the admin surfaces: the model registry's writes and the dashboard.</summary>
public static class AdminPolicy
{
    public const string Name = "AdminOnly";
    public const string Role = "admin";

    public static IServiceCollection AddAdminAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<AdminToken>();
        services.AddSingleton<WrongTokenThrottle>();
        services.AddAuthentication(AdminTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AdminTokenHandler>(AdminTokenHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Name, policy => policy.AddAuthenticationSchemes(AdminTokenHandler.SchemeName).RequireRole(Role));
        return services;
    }
}
