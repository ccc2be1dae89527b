using MathCluster.Recognition;
using MathCluster.Recognition.Data;
using MathCluster.Trainer.Data;

namespace MathCluster.Trainer.Commands;

/// <summary>
/// pen-glyphs: writes training glyphs redrawn with one page pen (<see cref="PenRedrawnGlyphs"/>) in the corrections
/// export's format, so <c>finetune --corrections</c> teaches a model the page's pen with the usual replay of its data.
/// </summary>
public static class PenGlyphsCommand
{
    public static int Run(string? dataDirectory, string outputDirectory, int count, int seed)
    {
        var data = HandwritingSources.Locate(dataDirectory);
        if (data is null)
        {
            Console.Error.WriteLine($"No training data in {dataDirectory ?? "../shared/data"} (expected mnist/, math-symbols/ and bhmsds/).");
            return 2;
        }
        var set = PenRedrawnGlyphs.Generate(data, count, seed);
        var pixels = set.Glyphs.SelectMany(g => CorrectionsExport.ToPixels(g)).ToArray();
        Directory.CreateDirectory(outputDirectory);
        IdxFile.WriteImages(Path.Combine(outputDirectory, CorrectionsExport.ImagesFileName), new IdxImages(set.Count, GlyphNormalizer.Size, GlyphNormalizer.Size, pixels));
        IdxFile.WriteLabels(Path.Combine(outputDirectory, CorrectionsExport.LabelsFileName), set.Labels.Select(l => (byte)l).ToArray());
        Console.WriteLine($"Wrote {set.Count} pen-redrawn training glyphs to {Path.GetFullPath(outputDirectory)}");
        return 0;
    }
}
