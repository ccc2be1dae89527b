using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Data;
using MathCluster.Recognition.Imaging;

namespace MathCluster.TestSupport;

/// <summary>
/// Handwritten glyphs no model was trained on, per class label: the MNIST test digits and, of each symbol source,
/// the last 15 % of every class in file order (the trainer's held-out split, HandwritingSources.HeldOutMask).
/// </summary>
public static class HeldOutGlyphs
{
    private const double HeldOutShare = 0.15;

    public static IReadOnlyDictionary<string, IReadOnlyList<InkImage>> Load(string dataDirectory)
    {
        var pools = SymbolClasses.All.ToDictionary(c => c, _ => new List<InkImage>());
        Add(pools, Path.Combine(dataDirectory, "mnist", "t10k-images-idx3-ubyte.gz"), Path.Combine(dataDirectory, "mnist", "t10k-labels-idx1-ubyte.gz"), darkInk: false, heldOutOnly: false);
        Add(pools, Path.Combine(dataDirectory, "math-symbols", "symbols-images-idx3-ubyte.gz"), Path.Combine(dataDirectory, "math-symbols", "symbols-labels-idx1-ubyte.gz"), darkInk: true, heldOutOnly: true);
        Add(pools, Path.Combine(dataDirectory, "bhmsds", "bhmsds-images-idx3-ubyte.gz"), Path.Combine(dataDirectory, "bhmsds", "bhmsds-labels-idx1-ubyte.gz"), darkInk: true, heldOutOnly: true);
        return pools.ToDictionary(p => p.Key, p => (IReadOnlyList<InkImage>)p.Value);
    }

    private static void Add(Dictionary<string, List<InkImage>> pools, string imagesFile, string labelsFile, bool darkInk, bool heldOutOnly)
    {
        var images = IdxFile.ReadImages(imagesFile);
        var labels = IdxFile.ReadLabels(labelsFile);
        var total = labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var seen = new Dictionary<byte, int>();
        for (int i = 0; i < labels.Length; i++)
        {
            int rank = seen[labels[i]] = seen.GetValueOrDefault(labels[i]) + 1;
            if (heldOutOnly && rank <= (int)Math.Round(total[labels[i]] * (1 - HeldOutShare))) continue;
            pools[SymbolClasses.All[labels[i]]].Add(InkImage.FromGrayBytes(images.Image(i), images.Columns, images.Rows, darkInk));
        }
    }
}
