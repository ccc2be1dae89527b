using MathCluster.Recognition.Data;
using MathCluster.Recognition.Imaging;

namespace MathCluster.TestSupport;

/// <summary>One of the shared data sets, loaded once per test run.</summary>
public sealed class DataSet
{
    private DataSet(string name, IdxImages images, byte[] labels, bool darkInk)
    {
        Name = name;
        Images = images;
        Labels = labels;
        DarkInk = darkInk;
    }

    public string Name { get; }
    public IdxImages Images { get; }
    public byte[] Labels { get; }
    /// <summary>True for black ink on white (math-symbols, BHMSDS), false for MNIST's white on black.</summary>
    public bool DarkInk { get; }
    public int FrameSize => Images.Rows;

    public InkImage Ink(int index) => InkImage.FromGrayBytes(Images.Image(index), Images.Columns, Images.Rows, DarkInk);

    /// <summary>Indices of samples with the given label code, in file order.</summary>
    public IEnumerable<int> IndicesOf(int label)
    {
        for (int i = 0; i < Labels.Length; i++)
            if (Labels[i] == label) yield return i;
    }

    private static readonly Lazy<DataSet> MnistSet = new(() => Load("mnist", "mnist/t10k-images-idx3-ubyte.gz", "mnist/t10k-labels-idx1-ubyte.gz", darkInk: false));
    private static readonly Lazy<DataSet> SymbolsSet = new(() => Load("math-symbols", "math-symbols/symbols-images-idx3-ubyte.gz", "math-symbols/symbols-labels-idx1-ubyte.gz", darkInk: true));
    private static readonly Lazy<DataSet> BhmsdsSet = new(() => Load("bhmsds", "bhmsds/bhmsds-images-idx3-ubyte.gz", "bhmsds/bhmsds-labels-idx1-ubyte.gz", darkInk: true));

    /// <summary>MNIST test set (10,000 digits). Skips the calling test when the shared data is missing.</summary>
    public static DataSet Mnist() { SharedData.Require(); return MnistSet.Value; }

    /// <summary>The CROHME-derived operators, brackets and equals (45x45). Skips when the shared data is missing.</summary>
    public static DataSet Symbols() { SharedData.Require(); return SymbolsSet.Value; }

    /// <summary>BHMSDS paper-written digits and operators (28x28). Skips when the shared data is missing.</summary>
    public static DataSet Bhmsds() { SharedData.Require(); return BhmsdsSet.Value; }

    private static DataSet Load(string name, string images, string labels, bool darkInk)
    {
        string root = SharedData.Require();
        return new DataSet(name, IdxFile.ReadImages(Path.Combine(root, images)), IdxFile.ReadLabels(Path.Combine(root, labels)), darkInk);
    }
}
