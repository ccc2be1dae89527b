using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Data;
using MathCluster.Trainer.Data;

namespace MathCluster.Trainer.Commands;

/// <summary>
/// golden: picks a fixed, evenly spread sample of every class from the held-out splits (never from training data)
/// and writes it as IDX files, the validation gate's labelled set for new models.
/// </summary>
public static class GoldenSetCommand
{
    public static int Run(string? dataDirectory, string outputDirectory, int perClass)
    {
        var data = HandwritingSources.Locate(dataDirectory);
        if (data is null)
        {
            Console.Error.WriteLine($"No training data in {dataDirectory ?? "../shared/data"} (expected mnist/, math-symbols/ and bhmsds/).");
            return 2;
        }
        var sources = HandwritingSources.Load(data, includeTraining: false);
        var pixels = new List<byte>();
        var labels = new List<byte>();
        for (int label = 0; label < SymbolClasses.Count; label++)
        {
            // Digits come half from MNIST and half from the symbol sources, whose framing differs.
            var candidates = new[] { sources.MnistTest, sources.SymbolsTest }
                .Select(set => Enumerable.Range(0, set.Count).Where(i => set.Labels[i] == label).Select(i => set.Glyphs[i]).ToList())
                .Where(list => list.Count > 0).ToList();
            int share = (int)Math.Ceiling(perClass / (double)candidates.Count);
            var chosen = candidates.SelectMany(list => Spread(list, share)).Take(perClass).ToList();
            if (chosen.Count < perClass) Console.Error.WriteLine($"Class {SymbolClasses.All[label]}: only {chosen.Count} held-out glyphs.");
            foreach (var glyph in chosen)
            {
                pixels.AddRange(glyph.Select(v => (byte)Math.Round(Math.Clamp(v, 0f, 1f) * 255)));
                labels.Add((byte)label);
            }
        }
        Directory.CreateDirectory(outputDirectory);
        IdxFile.WriteImages(Path.Combine(outputDirectory, "golden-images-idx3-ubyte.gz"), new IdxImages(labels.Count, GlyphNormalizer.Size, GlyphNormalizer.Size, pixels.ToArray()));
        IdxFile.WriteLabels(Path.Combine(outputDirectory, "golden-labels-idx1-ubyte.gz"), labels.ToArray());
        Console.WriteLine($"Wrote {labels.Count} glyphs ({perClass} per class) to {Path.GetFullPath(outputDirectory)}");
        return 0;
    }

    private static IEnumerable<float[]> Spread(List<float[]> items, int count)
    {
        int take = Math.Min(count, items.Count);
        for (int i = 0; i < take; i++) yield return items[(int)((long)i * items.Count / take)];
    }
}
