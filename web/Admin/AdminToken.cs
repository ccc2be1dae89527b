using System.Security.Cryptography;
using System.Text;
using MathCluster.Hosting.Options;
using Microsoft.Extensions.Options;

namespace MathCluster.Web.Admin;

/// <summary>
/// The bearer token that admin surfaces (the Orleans dashboard, model management) require: Admin:Token (validated at
/// start-up: at least 32 characters, never the manifests' placeholder), or a random one generated at start-up and
/// printed once to the console, so the embedded default is never open.
/// </summary>
public sealed class AdminToken
{
    public const string CookieName = "mathcluster_admin";

    private readonly byte[] _expected;

    public AdminToken(IOptions<AdminOptions> options)
    {
        var configured = options.Value.Token?.Trim();
        Generated = string.IsNullOrEmpty(configured);
        Value = Generated ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)) : configured!;
        _expected = Encoding.UTF8.GetBytes(Value);
    }

    public string Value { get; }
    public bool Generated { get; }

    public bool Matches(string presented) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected);

    /// <summary>
    /// Writes a generated token to the console only (stdout, once): never to the structured logs, which may leave
    /// the machine over OTLP.
    /// </summary>
    public void Announce(TextWriter console)
    {
        if (Generated) console.WriteLine($"Admin token for /dashboard/ and model management (set Admin:Token to choose one): {Value}");
    }
}
