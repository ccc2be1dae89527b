using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Layout;

namespace MathCluster.Recognition.Tests.Layout;

/// <summary>
/// Places symbol boxes the way a person writes, left to right around a middle line: digits two thirds as wide as
/// tall, operators half size at mid-height, '.' a dot on the baseline and '·' a dot at mid-height (both given a
/// meaningless label, as the classifier has no dot class), stacked fractions, raised exponents and tall brackets.
/// </summary>
internal sealed class LayoutSketch(int height = 60, int middle = 300)
{
    private const string DotLabel = "8";
    private readonly List<LayoutSymbol> _symbols = [];
    private int _x = 10;
    private PixelBox _lastUnit;

    public IReadOnlyList<LayoutSymbol> Symbols => _symbols;

    public LayoutReading Parse() => LayoutParser.Parse(_symbols);

    public LayoutSketch Write(string text) => Write(text, middle, height);

    /// <summary>Writes <paramref name="text"/> at 55 % size, its middle near the top of what was written last.</summary>
    public LayoutSketch Raised(string text)
    {
        int size = height * 55 / 100;
        int raisedMiddle = _lastUnit.Y + height / 10;
        var before = _lastUnit;
        _x = _lastUnit.Right + height / 20;
        Write(text, raisedMiddle, size);
        _lastUnit = before.Union(_lastUnit);
        return this;
    }

    /// <summary>A bracket tall enough to span a fraction on the middle line.</summary>
    public LayoutSketch Tall(char bracket)
    {
        Add(new PixelBox(_x, middle - height * 13 / 10, height / 3, height * 26 / 10), bracket.ToString());
        return this;
    }

    /// <summary>A stacked fraction: the bar at the middle line, a little wider than what is above and below it.</summary>
    public LayoutSketch Fraction(Action<LayoutSketch> over, Action<LayoutSketch> under)
    {
        int start = _x, gap = height / 6;
        var numerator = Part(start + gap, over);
        var denominator = Part(start + gap, under);
        int width = Math.Max(Extent(numerator).Right, Extent(denominator).Right) + gap - start;
        Shift(numerator, middle - gap - Extent(numerator).Bottom);
        Shift(denominator, middle + gap - Extent(denominator).Y);
        _x = start;
        Add(new PixelBox(start, middle - 2, width, 5), "-");
        _lastUnit = Extent(numerator).Union(Extent(denominator)).Union(_lastUnit);
        return this;
    }

    public LayoutSketch Fraction(string over, string under) => Fraction(s => s.Write(over), s => s.Write(under));

    private LayoutSketch Write(string text, int lineMiddle, int size)
    {
        foreach (char c in text)
        {
            PixelBox box = c switch
            {
                >= '0' and <= '9' => new(_x, lineMiddle - size / 2, size * 2 / 3, size),
                '.' => new(_x, lineMiddle + size / 2 - size / 10, size / 10, size / 10),
                '·' => new(_x, lineMiddle - size / 20, size / 10, size / 10),
                '-' => new(_x, lineMiddle - 2, size / 2, 5),
                '(' or ')' => new(_x, lineMiddle - size * 6 / 10, size / 3, size * 12 / 10),
                _ => new(_x, lineMiddle - size / 4, size / 2, size / 2),
            };
            Add(box, c is '.' or '·' ? DotLabel : c.ToString(), c is '.' or '·' ? size / 10 : size / 5);
        }
        return this;
    }

    private void Add(PixelBox box, string label, int? gap = null)
    {
        _symbols.Add(new LayoutSymbol(box, label));
        _lastUnit = box;
        _x = box.Right + (gap ?? height / 5);
    }

    private (int From, int To) Part(int x, Action<LayoutSketch> write)
    {
        _x = x;
        int from = _symbols.Count;
        write(this);
        return (from, _symbols.Count);
    }

    private PixelBox Extent((int From, int To) part) =>
        _symbols.Skip(part.From).Take(part.To - part.From).Select(s => s.Box).Aggregate((a, b) => a.Union(b));

    private void Shift((int From, int To) part, int dy)
    {
        for (int i = part.From; i < part.To; i++) _symbols[i] = _symbols[i] with { Box = _symbols[i].Box with { Y = _symbols[i].Box.Y + dy } };
    }
}
