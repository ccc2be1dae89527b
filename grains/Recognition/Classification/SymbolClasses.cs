namespace MathCluster.Recognition.Classification;

/// <summary>The symbol classes in model output order; the index is also the data sets' label code.</summary>
public static class SymbolClasses
{
    public const string Minus = "-", Plus = "+", Times = "×", Divide = "÷", Slash = "/", Open = "(", Close = ")", EqualsSign = "=";

    public static IReadOnlyList<string> All { get; } =
        ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", Minus, Plus, Times, Divide, Slash, Open, Close, EqualsSign];

    public static int Count => All.Count;

    public static int IndexOf(string label)
    {
        for (int i = 0; i < All.Count; i++) if (All[i] == label) return i;
        return -1;
    }
}
