using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Imaging;

namespace MathCluster.Recognition.Layout;

/// <summary>A symbol candidate as the layout sees it: its ink box and the label chosen for it.</summary>
/// <param name="Label">A class of <see cref="SymbolClasses.All"/>; ignored for a blob the layout reads as a decimal point.</param>
public sealed record LayoutSymbol(PixelBox Box, string Label);

/// <summary>A symbol candidate with its ranked labels, for <see cref="LayoutParser.ParseBest"/>.</summary>
/// <param name="Labels">Labels with probabilities, most probable first; at least one.</param>
public sealed record LayoutCandidate(PixelBox Box, IReadOnlyList<LabelScore> Labels);
