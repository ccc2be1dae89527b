using MathCluster.Recognition.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MathCluster.Web.Endpoints;

/// <summary>The original crop of a corrected symbol, stored beside its normalised glyph: grey PNG, dark ink on white.</summary>
public static class CorrectionCrop
{
    public static byte[] Png(InkImage crop)
    {
        using var image = new Image<L8>(crop.Width, crop.Height);
        for (int y = 0; y < crop.Height; y++)
            for (int x = 0; x < crop.Width; x++)
                image[x, y] = new L8((byte)Math.Clamp(MathF.Round(255 * (1 - crop[x, y])), 0, 255));
        using var png = new MemoryStream();
        image.SaveAsPng(png);
        return png.ToArray();
    }
}
