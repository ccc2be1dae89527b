using MathCluster.Recognition.Imaging;

namespace MathCluster.Recognition.Segmentation;

/// <summary>One symbol found on a canvas: its box in canvas pixels and its own ink (other symbols' ink removed).</summary>
public sealed record SegmentedSymbol(PixelBox Box, InkImage Glyph, int Parts);
