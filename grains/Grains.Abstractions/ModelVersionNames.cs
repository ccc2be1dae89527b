using System.Text.RegularExpressions;

namespace MathCluster.Grains;

/// <summary>Version names become storage keys and URL segments: letters, digits, '.', '_' and '-' only, no path tricks.</summary>
public static partial class ModelVersionNames
{
    public const int MaxLength = 64;
    public const string Rule = "1-64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit";

    public static bool IsValid(string? version) => version is not null && Pattern().IsMatch(version) && !version.Contains("..");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex Pattern();
}
