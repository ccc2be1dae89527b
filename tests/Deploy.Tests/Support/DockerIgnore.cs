using System.Text.RegularExpressions;
using MathCluster.TestSupport;

namespace MathCluster.Deploy.Tests.Support;

/// <summary>
/// The repository's .dockerignore, matched the way Docker does: a pattern that matches a folder leaves out all
/// below it, "**" spans any number of folders, a later "!" pattern takes a path back in.
/// </summary>
public sealed class DockerIgnore
{
    private readonly IReadOnlyList<(Regex Pattern, bool Exclude)> _rules;

    private DockerIgnore(IReadOnlyList<(Regex, bool)> rules) => _rules = rules;

    public static DockerIgnore Load() =>
        new(File.ReadAllLines(Path.Combine(RepositoryRoot.Path, ".dockerignore"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.StartsWith('!') ? (ToRegex(l[1..]), false) : (ToRegex(l), true))
            .ToList());

    /// <summary>Whether a repository-relative path (forward slashes) stays out of the build context.</summary>
    public bool Excludes(string path)
    {
        var parts = path.Trim('/').Split('/');
        var excluded = false;
        // The path itself or any folder above it can be what a pattern names.
        for (var depth = 1; depth <= parts.Length; depth++)
        {
            var prefix = string.Join('/', parts[..depth]);
            foreach (var (pattern, exclude) in _rules)
                if (pattern.IsMatch(prefix)) excluded = exclude;
            if (excluded) return true;
        }
        return false;
    }

    private static Regex ToRegex(string pattern)
    {
        var clean = pattern.Trim('/');
        var regex = Regex.Escape(clean)
            .Replace(@"\*\*/", "(?:.*/)?")
            .Replace(@"\*\*", ".*")
            .Replace(@"\*", "[^/]*")
            .Replace(@"\?", "[^/]");
        return new Regex("^" + regex + "$");
    }
}
