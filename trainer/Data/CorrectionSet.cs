using System.Net.Http.Headers;
using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Data;

namespace MathCluster.Trainer.Data;

/// <summary>Users' corrections (the web app's export), split into what fine-tuning trains on and what it reports on.</summary>
public sealed class CorrectionSet
{
    public const string Source = "corrections";
    /// <summary>Every fifth correction in export (time) order is held out: 20 %, spread over the whole period.</summary>
    public const int HoldoutEvery = 5;

    public required GlyphSet Train { get; init; }
    public required GlyphSet Holdout { get; init; }

    /// <summary>Reads the two export files from a folder.</summary>
    public static CorrectionSet Load(string directory)
    {
        var images = IdxFile.ReadImages(Path.Combine(directory, CorrectionsExport.ImagesFileName));
        var labels = IdxFile.ReadLabels(Path.Combine(directory, CorrectionsExport.LabelsFileName));
        if (images.Count != labels.Length) throw new IdxFormatException($"corrections: {images.Count} images but {labels.Length} labels.");
        if (images.Rows != GlyphNormalizer.Size || images.Columns != GlyphNormalizer.Size)
            throw new IdxFormatException($"corrections: images are {images.Rows}x{images.Columns}, not normalised {GlyphNormalizer.Size}x{GlyphNormalizer.Size} glyphs.");
        var train = new GlyphSet();
        var holdout = new GlyphSet();
        for (int i = 0; i < images.Count; i++)
        {
            if (labels[i] >= SymbolClasses.Count) throw new IdxFormatException($"corrections: label {labels[i]} at record {i} is not a known class.");
            (i % HoldoutEvery == HoldoutEvery - 1 ? holdout : train).Add(CorrectionsExport.ToGlyph(images.Image(i)), labels[i], Source);
        }
        return new CorrectionSet { Train = train, Holdout = holdout };
    }

    /// <summary>Downloads the export from a running web app (admin token) into <paramref name="directory"/>.</summary>
    public static async Task DownloadAsync(HttpClient http, string token, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        foreach (var (query, fileName) in new[] { (CorrectionsExport.ImagesQuery, CorrectionsExport.ImagesFileName), (CorrectionsExport.LabelsQuery, CorrectionsExport.LabelsFileName) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/corrections/export?file={query}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"GET {request.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            await using var file = File.Create(Path.Combine(directory, fileName));
            await response.Content.CopyToAsync(file, cancellationToken);
        }
    }
}
