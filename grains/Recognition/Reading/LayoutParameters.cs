using System.Text.Json;
using System.Text.Json.Serialization;

namespace MathCluster.Recognition.Reading;

/// <summary>A normal distribution's mean and standard deviation.</summary>
public sealed record Normal(double Mean, double StandardDeviation)
{
    // The share of symbols whose layout the fitted normal does not describe (an odd hand, an unusual size): a mixture
    // with a flat outlier term, so one strange measurement costs at most ln(OutlierShare) instead of growing without
    // bound and outvoting the classifier.
    private const double OutlierShare = 0.05;

    /// <summary>
    /// The log-density relative to the mode (≤ 0, so a reading is never rewarded for having more symbols), robust to
    /// outliers: at most ln 0.05 ≈ −3.
    /// </summary>
    public double LogRatioToMode(double x, double minimumDeviation)
    {
        double z = (x - Mean) / Math.Max(StandardDeviation, minimumDeviation);
        return Math.Log((1 - OutlierShare) * Math.Exp(-0.5 * z * z) + OutlierShare);
    }

    public static Normal Fit(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return new Normal(0, 1);
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, values.Count - 1);
        return new Normal(Math.Round(mean, 4), Math.Round(Math.Sqrt(variance), 4));
    }
}

/// <summary>
/// How a symbol of one class sits on the line: its log height, its log width and its middle's offset, all in line heights
/// (the width is what tells one digit from two read as one).
/// </summary>
public sealed record SymbolLayout(Normal LogHeight, Normal LogWidth, Normal Offset, int Samples);

/// <summary>
/// How often neighbouring groups at each gap (bins of <see cref="LayoutParameters.GapBinEdges"/>) are parts of one symbol
/// or of different ones, and how often a group of stacked atoms is one symbol or several, counted for pen strokes.
/// </summary>
public sealed record StrokeGrouping(IReadOnlyList<int> SameSymbolGaps, IReadOnlyList<int> DifferentSymbolGaps, int StackedOneSymbol, int StackedSeveralSymbols);

/// <summary>
/// The reading model's layout likelihoods, estimated from composed canvases by <c>tests/Benchmarks -- --estimate-layout</c>
/// and committed as <c>Reading/layout-parameters.json</c>: per class, size and vertical offset; the gap between
/// neighbouring symbols (digits of one number, and anything else); and how often neighbouring groups at a given gap
/// are one symbol (for ink components, and in <see cref="Strokes"/> for pen strokes, whose symbols may touch), and how
/// often an ink component wide enough to be two symbols is two that touch; and how often each
/// label follows each other (<see cref="Successors"/>, a label bigram: "/" is seldom followed by a bracket and a
/// number seldom ends in "/"), weighed by <see cref="SequenceWeight"/>. <see cref="SymbolBonus"/> is the log-score each symbol of a reading earns: the classifier is confident
/// even on ink that is no symbol at all (two digits read as one), so without it fewer, larger symbols win too often; it is
/// the value that reads the estimation canvases best (as a word insertion penalty is tuned in speech recognition).
/// </summary>
public sealed record LayoutParameters(
    string Source,
    int Canvases,
    IReadOnlyDictionary<string, SymbolLayout> Symbols,
    Normal DigitGap,
    Normal OtherGap,
    IReadOnlyList<double> GapBinEdges,
    IReadOnlyList<int> SameSymbolGaps,
    IReadOnlyList<int> DifferentSymbolGaps,
    int StackedOneSymbol,
    int StackedSeveralSymbols,
    double SymbolBonus,
    int WideOneSymbol = 0,
    int WideTwoSymbols = 0,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>>? Successors = null,
    double SequenceWeight = 0,
    StrokeGrouping? Strokes = null)
{
    /// <summary>The key in <see cref="Successors"/> for the start of a line.</summary>
    public const string LineStart = "^";

    public const string ResourceName = "MathCluster.Recognition.Reading.layout-parameters.json";

    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.Strict,
        // The file is read by people too: "+" and "×" as themselves, not \u escapes.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly Lazy<LayoutParameters> Committed = new(() =>
    {
        using var stream = typeof(LayoutParameters).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        return JsonSerializer.Deserialize<LayoutParameters>(stream, Json) ?? throw new InvalidDataException("Empty layout parameters.");
    });

    /// <summary>The committed parameters the server reads with.</summary>
    public static LayoutParameters Default => Committed.Value;

    public string Serialize() => JsonSerializer.Serialize(this, Json);
}
