using MathCluster.Recognition.Imaging;

namespace MathCluster.Recognition.Segmentation;

/// <summary>A connected blob of ink pixels (8-connectivity) with its label in the label image.</summary>
internal sealed record InkComponent(int Label, PixelBox Box, int PixelCount);
