using System.ComponentModel.DataAnnotations;

namespace MathCluster.Hosting.Options;

/// <summary>The admin surfaces' bearer token (section "Admin"): unset, the web app generates one at start-up.</summary>
public sealed class AdminOptions : IValidatableObject
{
    public const string Section = "Admin";
    public const int MinTokenLength = 32;
    /// <summary>The value deploy/k8s/admin-secret.yaml ships with; a cluster must never run with it.</summary>
    public const string ManifestPlaceholder = "REPLACE-WITH-A-LONG-RANDOM-TOKEN";

    public string? Token { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(Token)) yield break;
        if (Token.Trim() == ManifestPlaceholder)
            yield return new ValidationResult("is the manifests' placeholder; set a random token (openssl rand -hex 24) or leave it unset to generate one.", [nameof(Token)]);
        else if (Token.Trim().Length < MinTokenLength)
            yield return new ValidationResult($"is {Token.Trim().Length} characters; an admin token needs at least {MinTokenLength} (openssl rand -hex 24), or leave it unset to generate one.", [nameof(Token)]);
    }
}
