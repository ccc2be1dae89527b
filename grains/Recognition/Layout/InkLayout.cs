using MathCluster.Recognition.Expressions;
using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Segmentation;

namespace MathCluster.Recognition.Layout;

/// <summary>
/// A canvas's ink cut into the rows the line reader reads one at a time, before any label is known: fraction bars
/// (long flat atoms with ink above and below) take out their numerator and denominator as rows of their own, runs of
/// smaller groups raised at the upper right of a tall group or a fraction become exponent rows, and isolated blobs
/// the size of a pen dot are set aside as possible decimal points. Each row is then read with its own line metrics,
/// so a half-size exponent is not judged against full-size digits, and <see cref="LayoutParser"/> decides the
/// structure from the boxes of everything read. A canvas with none of these is one row: the flat reading.
/// The geometry follows <see cref="LayoutParser"/>'s rules, in units of each row's symbol height.
/// </summary>
public sealed class InkLayout
{
    // As the layout parser: a dot is at most 0.3 of a symbol height each way; an exponent is smaller than 85 % of its
    // base. A base is at least 60 % of the row's height (a digit or a bracket).
    private const double DotSize = 0.3, DotAspect = 2.2, ExponentSize = 0.85, BaseSize = 0.6;
    // A decimal point stands apart from the digits beside it; ink closer than this is a piece of a digit.
    private const double DotClearance = 0.03;
    // A decimal point sits low on the line; a dot higher up is a stray mark or part of a symbol, read with the row.
    private const double DotLowness = 0.15;
    // An exponent is centred in the top 35 % of its base (as the layout parser has it) and starts a little after it,
    // or is centred in the top 20 % and just clear of it. Measured in base heights.
    private const double RaisedTop = 0.35, ExponentGap = 0.05, HighTop = 0.2, MinExponentGap = 0.01;
    // In a row with a fraction, brackets may span the fraction: symbols this much taller than it do not set the scale.
    private const double SpanningHeight = 1.6, MinRowHeight = 0.45, AtomScale = 0.25;
    private const double DivisionDotSize = 0.4, DivisionDotAspect = 1.6;

    private readonly IReadOnlyList<PixelBox> _atoms;
    private readonly CanvasInk _ink;
    private readonly List<InkRow> _rows = [];
    private readonly List<int> _bars = [], _dots = [];
    private readonly List<IReadOnlyList<int>> _exponents = [];
    private readonly bool _findExponents;

    private InkLayout(CanvasInk ink, bool findExponents)
    {
        _ink = ink;
        _atoms = ink.Atoms;
        _findExponents = findExponents;
    }

    /// <summary>The rows to read as lines.</summary>
    public IReadOnlyList<InkRow> Rows => _rows;

    /// <summary>Atoms that are fraction bars.</summary>
    public IReadOnlyList<int> Bars => _bars;

    /// <summary>Isolated atoms the size of a pen dot.</summary>
    public IReadOnlyList<int> Dots => _dots;

    /// <summary>The atoms of each run taken out as an exponent.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Exponents => _exponents;

    /// <summary>
    /// Where reading starts in 2-D, left to right: each row's groups, each bar and each dot. Stacked atoms group only
    /// within a row, so a fraction's numerator, bar and denominator stay three symbols (CanvasSegmenter's flat first
    /// grouping makes a whole fraction one stack).
    /// </summary>
    public IReadOnlyList<SymbolGroup> Symbols =>
        _rows.SelectMany(r => r.Groups).Concat(_bars.Concat(_dots).Select(a => new SymbolGroup([a], _atoms[a]))).OrderBy(g => g.CenterX).ToList();

    /// <summary>One row and nothing else: a flat line, read exactly as the line reader reads it.</summary>
    public bool IsFlat => _rows.Count <= 1 && _bars.Count == 0 && _dots.Count == 0;

    /// <param name="findExponents">
    /// Whether to take raised runs out as exponents; without, they stay in their rows, where the line reader may read
    /// them as parts of their neighbours (a broken digit's piece sits where an exponent would).
    /// </param>
    /// <exception cref="TooManySymbolsException">More symbols than one canvas may hold.</exception>
    public static InkLayout Of(CanvasInk ink, bool findExponents = true)
    {
        var layout = new InkLayout(ink, findExponents);
        layout.Row(Enumerable.Range(0, ink.Atoms.Count).ToList(), depth: 0);
        int symbols = layout._rows.Sum(r => r.Groups.Count) + layout._bars.Count + layout._dots.Count;
        if (symbols > CanvasSegmenter.MaxSymbols) throw new TooManySymbolsException(symbols, CanvasSegmenter.MaxSymbols);
        return layout;
    }

    /// <summary>A unit of a row: a group of stacked atoms, a dot, or a whole fraction (bar, numerator and denominator).</summary>
    private sealed record Unit(PixelBox Box, IReadOnlyList<int> Atoms, SymbolGroup? Group, int? Bar, double LineHeight)
    {
        public bool IsFraction => Bar is not null;
        public double CentreY { get; init; } = Box.Y + Box.Height / 2.0;
    }

    private void Row(List<int> members, int depth)
    {
        if (members.Count == 0) return;
        // The lower median of the atoms a quarter as tall as the tallest: dots are left out, however many, and
        // brackets spanning a fraction are too few to move it.
        var heights = members.Where(a => !IsFlatAtom(a)).Select(a => (double)_atoms[a].Height).ToList();
        double tallest = heights.Count > 0 ? heights.Max() : _atoms[members[0]].Height;
        var sized = heights.Where(h => h >= AtomScale * tallest).Order().ToList();
        double atomHeight = sized.Count > 0 ? sized[(sized.Count - 1) / 2] : tallest;
        var units = new List<Unit>();
        var free = new HashSet<int>(members);
        if (depth < ExpressionParser.MaxNesting)
        {
            // The widest bar first: it takes everything in its span, so bars nest.
            foreach (int bar in members.Where(IsFlatAtom).OrderByDescending(a => _atoms[a].Width))
            {
                if (!free.Contains(bar)) continue;
                var line = _atoms[bar];
                var above = free.Where(a => a != bar && Spans(line, a) && CentreY(a) < line.Y && _atoms[a].Bottom <= line.Bottom).ToList();
                var below = free.Where(a => a != bar && Spans(line, a) && CentreY(a) > line.Bottom && _atoms[a].Y >= line.Y).ToList();
                // Dots above and below a bar make a ÷, not a fraction: each side needs ink of a symbol's height.
                if (!above.Any(a => IsSymbolHigh(a, atomHeight)) || !below.Any(a => IsSymbolHigh(a, atomHeight))) continue;
                if (above is [var over] && below is [var under] && IsDivisionDot(over, line) && IsDivisionDot(under, line)) continue;

                free.Remove(bar);
                free.ExceptWith(above);
                free.ExceptWith(below);
                _bars.Add(bar);
                Row(above, depth + 1);
                Row(below, depth + 1);
                var all = above.Concat(below).ToList();
                double lineHeight = LayoutParser.TypicalHeight(all.Where(a => !IsFlatAtom(a)).Select(a => (double)_atoms[a].Height)) ?? atomHeight;
                units.Add(new Unit(all.Aggregate(line, (box, a) => box.Union(_atoms[a])), [bar, .. all], null, bar, lineHeight) { CentreY = CentreY(bar) });
            }
        }

        var groups = CanvasSegmenter.Group(_ink, free.Order().ToList());
        var fractions = units.ToList();
        units.AddRange(groups.Select(g => new Unit(g.Box, g.Atoms, g, null, g.Box.Height)));
        units.Sort((a, b) => (a.Box.X + a.Box.Width / 2.0).CompareTo(b.Box.X + b.Box.Width / 2.0));
        var metrics = fractions.Count == 0 ? LineMetrics.Of(groups) : Metrics(units, fractions);
        double height = fractions.Count == 0
            ? LayoutParser.TypicalHeight(groups.Where(g => g.Box.Width < 2 * g.Box.Height).Select(g => (double)g.Box.Height)) ?? atomHeight
            : metrics.SymbolHeight;

        var plain = new List<SymbolGroup>();
        for (int i = 0; i < units.Count;)
        {
            var unit = units[i];
            if (unit.Group is { } group)
            {
                if (group.Atoms.Count == 1 && IsDot(group.Box, height) && StandsApart(units, i, height) && group.CenterY >= metrics.Middle + DotLowness * height)
                    _dots.Add(group.Atoms[0]);
                else plain.Add(group);
            }
            i++;
            if (!_findExponents || depth >= ExpressionParser.MaxNesting || !CanBeBase(unit, height)) continue;

            var exponent = new List<int>();
            for (; i < units.Count && !units[i].IsFraction && IsRaised(units[i], unit); i++) exponent.AddRange(units[i].Atoms);
            if (exponent.Count == 0) continue;
            _exponents.Add(exponent);
            Row(exponent, depth + 1);
        }
        if (plain.Count > 0) _rows.Add(new InkRow(plain, fractions.Count == 0 ? LineMetrics.Of(plain) : metrics with { Groups = plain.Count }, fractions.Count == 0));
    }

    /// <summary>The scale of a row with fractions: their symbols' height, and the row's symbols of about that height.</summary>
    private static LineMetrics Metrics(List<Unit> units, List<Unit> fractions)
    {
        double reference = Median(fractions.Select(f => f.LineHeight));
        var sized = units.Where(u => u.IsFraction || (u.Box.Width < 2 * u.Box.Height
            && u.Box.Height >= MinRowHeight * reference && u.Box.Height <= SpanningHeight * reference)).ToList();
        double height = Median(sized.Select(u => u.LineHeight));
        double middle = Median(sized.Select(u => u.CentreY));
        return new LineMetrics((float)Math.Max(1, height), (float)middle, units.Count);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static bool StandsApart(List<Unit> units, int i, double height) =>
        (i == 0 || -units[i - 1].Box.HorizontalOverlap(units[i].Box) >= DotClearance * height)
        && (i + 1 == units.Count || -units[i + 1].Box.HorizontalOverlap(units[i].Box) >= DotClearance * height);

    private bool CanBeBase(Unit unit, double height) =>
        unit.IsFraction || (unit.Group is not null && unit.Box.Height >= BaseSize * height && unit.Box.Width < 2 * unit.Box.Height);

    /// <summary>Centred in the top of the base's line and smaller than it; a fraction's line is its symbols' height, centred on the bar.</summary>
    private bool IsRaised(Unit unit, Unit @base)
    {
        double lineHeight = Math.Max(1, @base.IsFraction ? @base.LineHeight : @base.Box.Height);
        double top = @base.IsFraction ? CentreY(@base.Bar!.Value) - lineHeight / 2 : @base.Box.Y;
        // Raised and apart, or clearly raised: a piece of a broken digit also sits at its upper right, touching it.
        double raised = (unit.CentreY - top) / lineHeight, gap = (unit.Box.X - @base.Box.Right) / lineHeight;
        return unit.Box.Height < ExponentSize * lineHeight && !IsDot(unit.Box, lineHeight)
            && ((raised < RaisedTop && gap >= ExponentGap) || (raised < HighTop && gap >= MinExponentGap));
    }

    /// <summary>A round blob small next to the bar: a ÷ written large has dots as tall as a small digit.</summary>
    private bool IsDivisionDot(int atom, PixelBox bar)
    {
        var box = _atoms[atom];
        return box.Height <= DivisionDotSize * bar.Width && box.Width <= DivisionDotSize * bar.Width
            && Math.Max(box.Width, box.Height) <= DivisionDotAspect * Math.Min(box.Width, box.Height);
    }

    private bool IsSymbolHigh(int atom, double height) => !IsFlatAtom(atom) && _atoms[atom].Height >= MinRowHeight * height;

    private bool IsFlatAtom(int atom) => _atoms[atom].Width >= 2 * _atoms[atom].Height;

    private bool Spans(PixelBox line, int atom)
    {
        double centre = _atoms[atom].X + _atoms[atom].Width / 2.0;
        return centre >= line.X && centre <= line.Right;
    }

    private double CentreY(int atom) => _atoms[atom].Y + _atoms[atom].Height / 2.0;

    internal static bool IsDot(PixelBox box, double height) =>
        box.Width <= DotSize * height && box.Height <= DotSize * height && box.Width <= DotAspect * box.Height && box.Height <= DotAspect * box.Width;
}

/// <summary>
/// One row of a formula to read as a line: its groups, its scale, and whether it is a whole expression (no fraction
/// sits in it; its exponents and decimal points are set aside without breaking the expression).
/// </summary>
public sealed record InkRow(IReadOnlyList<SymbolGroup> Groups, LineMetrics Line, bool IsWhole);
