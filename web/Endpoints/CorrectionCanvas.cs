using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Layout;
using MathCluster.Recognition.Segmentation;

namespace MathCluster.Web.Endpoints;

/// <summary>
/// The <c>canvas</c> part of a correction, a PNG or the page's stroke JSON, segmented into the symbols the reader
/// starts from (the 2-D layout's, so a fraction's parts are symbols of their own), with each symbol's original crop
/// for storage.
/// </summary>
public sealed class CorrectionCanvas
{
    private readonly Func<int, InkImage> _crop;

    private CorrectionCanvas(IReadOnlyList<SegmentedSymbol> symbols, Func<int, InkImage> crop)
    {
        Symbols = symbols;
        _crop = crop;
    }

    public IReadOnlyList<SegmentedSymbol> Symbols { get; }

    /// <exception cref="CanvasImageException">Not a PNG we can read, or over a size limit.</exception>
    /// <exception cref="TooManySymbolsException">More symbols than a canvas may hold.</exception>
    public static CorrectionCanvas FromPng(byte[] png)
    {
        var canvas = CanvasDecoder.Decode(png);
        var symbols = Segment(CanvasSegmenter.Atoms(canvas));
        return new CorrectionCanvas(symbols, i => canvas.Crop(symbols[i].Box));
    }

    /// <summary>Strokes, read with the limits of /api/recognize; a symbol's crop is its own strokes, drawn at the canvas's pen.</summary>
    /// <exception cref="CanvasImageException">Malformed JSON, or a limit broken.</exception>
    /// <exception cref="TooManySymbolsException">More symbols than a canvas may hold.</exception>
    public static CorrectionCanvas FromStrokeJson(byte[] json)
    {
        var symbols = Segment(CanvasSegmenter.Atoms(StrokeJsonReader.Read(json)));
        return new CorrectionCanvas(symbols, i => symbols[i].Glyph);
    }

    private static IReadOnlyList<SegmentedSymbol> Segment(CanvasInk ink) =>
        InkLayout.Of(ink).Symbols.Select(g => new SegmentedSymbol(g.Box, ink.Draw(g.Atoms, g.Box), g.Atoms.Count)).ToList();

    /// <summary>Symbol <paramref name="symbol"/>'s original ink as a grey PNG.</summary>
    public byte[] CropPng(int symbol) => CanvasEncoder.Png(_crop(symbol));
}
