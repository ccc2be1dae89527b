using System.Security.Cryptography;
using System.Text;

namespace MathCluster.Web.Hosting;

public enum AdminAccess
{
    Missing,
    Wrong,
    Granted,
}

/// <summary>
/// The bearer token that admin surfaces (the Orleans dashboard, and model management) require: Admin:Token from
/// configuration, or a random one generated at start-up and logged once, so the embedded default is never open.
/// </summary>
public sealed class AdminToken
{
    public const string ConfigurationKey = "Admin:Token";
    public const string CookieName = "mathcluster_admin";

    private readonly byte[] _expected;

    public AdminToken(IConfiguration configuration)
    {
        var configured = configuration[ConfigurationKey];
        Generated = string.IsNullOrWhiteSpace(configured);
        Value = Generated ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)) : configured!;
        _expected = Encoding.UTF8.GetBytes(Value);
    }

    public string Value { get; }
    public bool Generated { get; }

    /// <summary>Reads the token from "Authorization: Bearer …" or, for browser pages, from the admin cookie.</summary>
    public AdminAccess Check(HttpContext context)
    {
        string? presented = null;
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) presented = header["Bearer ".Length..].Trim();
        else if (context.Request.Cookies.TryGetValue(CookieName, out var cookie)) presented = cookie;
        if (string.IsNullOrEmpty(presented)) return AdminAccess.Missing;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected) ? AdminAccess.Granted : AdminAccess.Wrong;
    }
}
