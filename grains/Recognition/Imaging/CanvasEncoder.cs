using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MathCluster.Recognition.Imaging;

/// <summary>Ink as a canvas PNG, the way the page uploads one: grey, dark ink on white (<see cref="CanvasDecoder"/> reads it back).</summary>
public static class CanvasEncoder
{
    public static byte[] Png(InkImage ink)
    {
        using var image = new Image<L8>(ink.Width, ink.Height);
        for (int y = 0; y < ink.Height; y++)
            for (int x = 0; x < ink.Width; x++)
                image[x, y] = new L8((byte)Math.Clamp(MathF.Round(255 * (1 - ink[x, y])), 0, 255));
        using var png = new MemoryStream();
        image.SaveAsPng(png);
        return png.ToArray();
    }
}
