using MathCluster.Recognition;
using MathCluster.Recognition.Data;
using MathCluster.Recognition.Imaging;

namespace MathCluster.Trainer.Data;

/// <summary>
/// The three handwriting sources under the data folder, normalised and split.
/// MNIST keeps its own train/test files; each symbol source holds out the last <see cref="HeldOutShare"/>
/// of every class in file order (the files are already shuffled), so the split is fixed and independent of the seed.
/// </summary>
public sealed class HandwritingSources
{
    public const double HeldOutShare = 0.15;
    public const string Mnist = "mnist", MathSymbols = "math-symbols", Bhmsds = "bhmsds";

    public required GlyphSet Train { get; init; }
    public required GlyphSet MnistTest { get; init; }
    public required GlyphSet SymbolsTest { get; init; }
    /// <summary>
    /// The same held-out glyphs (MNIST test and the symbol sources' held-out splits) redrawn as the page draws them,
    /// made on first use: only the metrics need them.
    /// </summary>
    public GlyphSet PenTest => _penTest.Value;

    private Lazy<GlyphSet> _penTest = new(() => new GlyphSet());

    /// <summary>Seed of <see cref="PenTest"/>'s redrawing, fixed so every model is measured on the same glyphs.</summary>
    public const int PenTestSeed = 2026;

    /// <summary>
    /// The data folder if it holds all three sources, else null. Without an explicit folder it looks for
    /// shared/data beside the current folder or any of its parents (../shared/data from the repo root),
    /// then beside the program's own folder.
    /// </summary>
    public static string? Locate(string? directory = null)
    {
        IEnumerable<string> candidates = directory is not null
            ? [directory]
            : Ancestors(Directory.GetCurrentDirectory()).Concat(Ancestors(AppContext.BaseDirectory)).Select(d => Path.Combine(d, "shared", "data"));
        return candidates.Where(HasAllSources).Select(Path.GetFullPath).FirstOrDefault();
    }

    private static bool HasAllSources(string candidate) =>
        File.Exists(Path.Combine(candidate, Mnist, "t10k-images-idx3-ubyte.gz"))
        && File.Exists(Path.Combine(candidate, MathSymbols, "symbols-images-idx3-ubyte.gz"))
        && File.Exists(Path.Combine(candidate, Bhmsds, "bhmsds-images-idx3-ubyte.gz"));

    private static IEnumerable<string> Ancestors(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent) yield return dir.FullName;
    }

    /// <summary>
    /// Loads everything; <paramref name="limitPerSource"/> caps each training source for quick runs, and the test
    /// sets to a quarter of it unless <paramref name="fullTestSets"/>.
    /// </summary>
    public static HandwritingSources Load(string directory, int? limitPerSource = null, bool includeTraining = true, bool fullTestSets = false)
    {
        int? testLimit = fullTestSets || limitPerSource is null ? null : limitPerSource / 4;
        var train = new GlyphSet();
        var symbolsTest = new GlyphSet();

        if (includeTraining)
            train.AddRange(Normalise(ReadRaw(directory, Mnist, "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", darkInk: false), Mnist, limitPerSource));
        var mnistTestRaw = ReadRaw(directory, Mnist, "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", darkInk: false);
        var mnistTest = Normalise(mnistTestRaw, Mnist, testLimit);
        List<RawSource> heldOutRaw = [mnistTestRaw];

        foreach (var (name, images, labels) in new[]
                 {
                     (MathSymbols, "symbols-images-idx3-ubyte.gz", "symbols-labels-idx1-ubyte.gz"),
                     (Bhmsds, "bhmsds-images-idx3-ubyte.gz", "bhmsds-labels-idx1-ubyte.gz"),
                 })
        {
            var raw = ReadRaw(directory, name, images, labels, darkInk: true);
            var heldOut = HeldOutMask(raw.Labels);
            var trainPart = raw.Where(i => !heldOut[i]);
            var testPart = raw.Where(i => heldOut[i]);
            if (includeTraining) train.AddRange(Normalise(trainPart, name, limitPerSource));
            symbolsTest.AddRange(Normalise(testPart, name, testLimit));
            heldOutRaw.Add(testPart);
        }
        return new HandwritingSources
        {
            Train = train, MnistTest = mnistTest, SymbolsTest = symbolsTest,
            _penTest = new(() =>
            {
                var penTest = new GlyphSet();
                foreach (var raw in heldOutRaw) penTest.AddRange(PenRedrawnGlyphs.RedrawEach(raw, PenTestSeed, testLimit));
                return penTest;
            }),
        };
    }

    /// <summary>Raw images of one source as ink images with their labels.</summary>
    public sealed record RawSource(IReadOnlyList<InkImage> Images, IReadOnlyList<int> Labels)
    {
        public RawSource Where(Func<int, bool> keep)
        {
            var images = new List<InkImage>();
            var labels = new List<int>();
            for (int i = 0; i < Labels.Count; i++)
                if (keep(i)) { images.Add(Images[i]); labels.Add(Labels[i]); }
            return new RawSource(images, labels);
        }
    }

    public static RawSource ReadRaw(string directory, string source, string imagesFile, string labelsFile, bool darkInk)
    {
        var images = IdxFile.ReadImages(Path.Combine(directory, source, imagesFile));
        var labels = IdxFile.ReadLabels(Path.Combine(directory, source, labelsFile));
        if (images.Count != labels.Length)
            throw new IdxFormatException($"{source}: {images.Count} images but {labels.Length} labels.");
        var inks = new InkImage[images.Count];
        var classes = new int[images.Count];
        for (int i = 0; i < images.Count; i++)
        {
            if (labels[i] >= Recognition.Classification.SymbolClasses.Count)
                throw new IdxFormatException($"{source}: label {labels[i]} at record {i} is not a known class.");
            inks[i] = InkImage.FromGrayBytes(images.Image(i), images.Columns, images.Rows, darkInk);
            classes[i] = labels[i];
        }
        return new RawSource(inks, classes);
    }

    /// <summary>
    /// Raw ink images per class index: the training splits (MNIST's training file, the symbol sources without their
    /// held-out share) or the held-out ones (MNIST's test file and the held-out shares), for redrawing and composing.
    /// </summary>
    public static List<InkImage>[] InkPools(string directory, bool heldOut)
    {
        var pools = Enumerable.Range(0, Recognition.Classification.SymbolClasses.Count).Select(_ => new List<InkImage>()).ToArray();
        void Add(RawSource source)
        {
            for (int i = 0; i < source.Labels.Count; i++) pools[source.Labels[i]].Add(source.Images[i]);
        }
        Add(heldOut
            ? ReadRaw(directory, Mnist, "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", darkInk: false)
            : ReadRaw(directory, Mnist, "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", darkInk: false));
        foreach (var (name, images, labels) in new[]
                 {
                     (MathSymbols, "symbols-images-idx3-ubyte.gz", "symbols-labels-idx1-ubyte.gz"),
                     (Bhmsds, "bhmsds-images-idx3-ubyte.gz", "bhmsds-labels-idx1-ubyte.gz"),
                 })
        {
            var raw = ReadRaw(directory, name, images, labels, darkInk: true);
            var mask = HeldOutMask(raw.Labels);
            Add(raw.Where(i => mask[i] == heldOut));
        }
        return pools;
    }

    /// <summary>Marks the last HeldOutShare of each class, in file order.</summary>
    public static bool[] HeldOutMask(IReadOnlyList<int> labels)
    {
        var total = new Dictionary<int, int>();
        foreach (int l in labels) total[l] = total.GetValueOrDefault(l) + 1;
        var seen = new Dictionary<int, int>();
        var mask = new bool[labels.Count];
        for (int i = 0; i < labels.Count; i++)
        {
            int l = labels[i];
            int index = seen[l] = seen.GetValueOrDefault(l) + 1;
            mask[i] = index > (int)Math.Round(total[l] * (1 - HeldOutShare));
        }
        return mask;
    }

    private static GlyphSet Normalise(RawSource raw, string source, int? limit)
    {
        int n = limit is { } cap ? Math.Min(cap, raw.Labels.Count) : raw.Labels.Count;
        var glyphs = new float[n][];
        Parallel.For(0, n, i => glyphs[i] = GlyphNormalizer.Normalize(raw.Images[i]));
        var set = new GlyphSet();
        for (int i = 0; i < n; i++) set.Add(glyphs[i], raw.Labels[i], source);
        return set;
    }
}
