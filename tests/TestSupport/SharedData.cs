namespace MathCluster.TestSupport;

/// <summary>Finds ../shared/data for tests; tests that need it skip with a clear reason when it is missing.</summary>
public static class SharedData
{
    private static readonly Lazy<string?> Location = new(() =>
    {
        foreach (var start in new[] { System.IO.Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data");
                if (File.Exists(Path.Combine(candidate, "mnist", "t10k-images-idx3-ubyte.gz"))) return candidate;
            }
        }
        return null;
    });

    public static string? Directory => Location.Value;

    /// <summary>The data folder, or a skipped test that says why.</summary>
    public static string Require()
    {
        Skip.If(Location.Value is null, "../shared/data (MNIST, math-symbols, BHMSDS) was not found beside the repository; this test needs it.");
        return Location.Value!;
    }
}
