using System.Text.Json;
using System.Text.RegularExpressions;
using MathCluster.TestSupport;

namespace MathCluster.Deploy.Tests.Support;

/// <summary>One instruction of a Dockerfile, continuation lines joined, and the build stage it belongs to.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments, int Stage);

/// <summary>A Dockerfile of the repository read into instructions (enough of the syntax for the checks here).</summary>
public sealed partial class Dockerfile
{
    private Dockerfile(string relativePath, IReadOnlyList<DockerInstruction> instructions)
    {
        RelativePath = relativePath;
        Instructions = instructions;
    }

    public string RelativePath { get; }

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    public int FinalStage => Instructions.Max(i => i.Stage);

    public IEnumerable<DockerInstruction> All(string keyword) =>
        Instructions.Where(i => i.Keyword.Equals(keyword, StringComparison.OrdinalIgnoreCase));

    /// <summary>The image a stage starts from, without --platform and AS.</summary>
    public string BaseImage(int stage) =>
        Words(All("FROM").Single(i => i.Stage == stage).Arguments).First(w => !w.StartsWith("--", StringComparison.Ordinal));

    public IReadOnlySet<int> ExposedPorts =>
        All("EXPOSE").SelectMany(i => Words(i.Arguments)).Select(p => int.Parse(p.Split('/')[0])).ToHashSet();

    /// <summary>ENV of the final stage, in both the key=value and the legacy "key value" forms.</summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var instruction in All("ENV").Where(i => i.Stage == FinalStage))
        {
            var words = Words(instruction.Arguments);
            if (words.Count > 0 && !words[0].Contains('='))
                env[words[0]] = string.Join(' ', words.Skip(1));
            else
                foreach (var word in words)
                    env[word[..word.IndexOf('=')]] = word[(word.IndexOf('=') + 1)..];
        }
        return env;
    }

    /// <summary>The exec form of ENTRYPOINT, as its JSON array.</summary>
    public IReadOnlyList<string> Entrypoint =>
        JsonSerializer.Deserialize<string[]>(All("ENTRYPOINT").Last().Arguments)
        ?? throw new InvalidDataException($"{RelativePath}: ENTRYPOINT is not in exec (JSON) form");

    /// <summary>COPY sources taken from the build context (not --from another stage), and their destination.</summary>
    public IEnumerable<(IReadOnlyList<string> Sources, string Destination, int Index)> ContextCopies() =>
        Instructions.Select((instruction, index) => (instruction, index))
            .Where(x => x.instruction.Keyword.Equals("COPY", StringComparison.OrdinalIgnoreCase))
            .Select(x => (Words: Words(x.instruction.Arguments), x.index))
            .Where(x => !x.Words.Any(w => w.StartsWith("--from", StringComparison.Ordinal)))
            .Select(x =>
            {
                var paths = x.Words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
                return ((IReadOnlyList<string>)paths[..^1], paths[^1], x.index);
            });

    public int IndexOf(DockerInstruction instruction) => Instructions.ToList().IndexOf(instruction);

    public static Dockerfile Load(string relativePath)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, relativePath));
        var instructions = new List<DockerInstruction>();
        var stage = -1;
        var pending = "";
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0)) continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            var text = (pending + line).Trim();
            pending = "";
            if (text.Length == 0) continue;
            var match = InstructionPattern().Match(text);
            var keyword = match.Groups[1].Value.ToUpperInvariant();
            if (keyword == "FROM") stage++;
            instructions.Add(new DockerInstruction(keyword, match.Groups[2].Value.Trim(), stage));
        }
        return new Dockerfile(relativePath, instructions);
    }

    /// <summary>Splits on white space, keeping double-quoted words together (without their quotes).</summary>
    public static IReadOnlyList<string> Words(string text) =>
        WordPattern().Matches(text).Select(m => m.Value.Replace("\"", "")).ToList();

    [GeneratedRegex(@"^(\w+)\s*(.*)$", RegexOptions.Singleline)]
    private static partial Regex InstructionPattern();

    [GeneratedRegex(@"(?:[^\s""]+|""[^""]*"")+")]
    private static partial Regex WordPattern();
}
