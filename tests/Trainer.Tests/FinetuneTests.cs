using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Data;
using MathCluster.TestSupport;
using MathCluster.Trainer.Commands;
using MathCluster.Trainer.Data;

namespace MathCluster.Trainer.Tests;

/// <summary>
/// finetune on a handful of corrections, one short epoch, from either base the trainer accepts: the committed ONNX
/// model (read back into a GlyphNet) and its TorchSharp checkpoint. It writes a model that ONNX Runtime loads, with
/// finite weights and the corrections holdout on its card.
/// </summary>
public sealed class FinetuneTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mathcluster-finetune-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly FinetuneCommand.Settings Tiny = new()
    {
        Epochs = 1,
        CorrectionsPerEpoch = 64,
        ReplayPerEpoch = 180,
        ReplayPoolPerSource = 200,
    };

    [SkippableTheory]
    [InlineData(TrainCommand.ModelFileName)]
    [InlineData(TrainCommand.CheckpointFileName)]
    public async Task Finetune_AFewCorrections_MakeALoadableModelWithFiniteWeights(string baseFile)
    {
        var data = SharedData.Require();
        // Ten MNIST test digits, each labelled as the digit it is: export files as the web app writes them.
        var raw = HandwritingSources.ReadRaw(data, HandwritingSources.Mnist, "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", darkInk: false);
        var corrections = Path.Combine(_folder, "corrections");
        WriteExport(corrections, Enumerable.Range(0, 10).Select(i => (GlyphNormalizer.Normalize(raw.Images[i]), raw.Labels[i])).ToList());
        var basePath = Path.Combine(RepositoryRoot.Path, "grains", "Recognition", "DefaultModel", baseFile);
        var output = Path.Combine(_folder, "out");

        int exit = await FinetuneCommand.RunAsync(basePath, corrections, output, data, token: null, version: "ft-test", Tiny, CancellationToken.None);

        Assert.Equal(0, exit);
        var model = Path.Combine(output, TrainCommand.ModelFileName);
        var card = ModelCard.Parse(await File.ReadAllBytesAsync(ModelCard.CardPathFor(model)));
        Assert.Equal("ft-test", card.Version);
        Assert.Equal(2, card.Metrics!.CorrectionsHoldoutCount); // every fifth of ten
        Assert.InRange(card.Metrics.CorrectionsHoldoutAccuracy!.Value, 0, 1);
        // One short epoch at a low learning rate leaves a working model, not one of NaN weights (which reads nothing).
        Assert.True(card.Metrics.MnistTestAccuracy > 0.9, $"MNIST {card.Metrics.MnistTestAccuracy:P2} after fine-tuning from {baseFile}");
        Assert.True(File.Exists(Path.Combine(output, TrainCommand.CheckpointFileName)));
        using var classifier = OnnxGlyphClassifier.Load(model);
        var probabilities = classifier.Predict(GlyphNormalizer.Normalize(raw.Images[20]), 1);
        Assert.All(probabilities, p => Assert.True(float.IsFinite(p)));
        Assert.Equal(raw.Labels[20], Array.IndexOf(probabilities, probabilities.Max()));
    }

    [SkippableFact]
    public async Task Finetune_NoCorrections_IsAClearError()
    {
        var data = SharedData.Require();
        var corrections = Path.Combine(_folder, "none");
        WriteExport(corrections, []);
        var basePath = Path.Combine(RepositoryRoot.Path, "grains", "Recognition", "DefaultModel", TrainCommand.ModelFileName);
        Assert.Equal(2, await FinetuneCommand.RunAsync(basePath, corrections, Path.Combine(_folder, "out"), data, null, null, Tiny, CancellationToken.None));
    }

    private static void WriteExport(string directory, IReadOnlyList<(float[] Glyph, int Label)> samples)
    {
        Directory.CreateDirectory(directory);
        var pixels = samples.SelectMany(s => CorrectionsExport.ToPixels(s.Glyph)).ToArray();
        using (var images = File.Create(Path.Combine(directory, CorrectionsExport.ImagesFileName)))
            IdxFile.WriteImages(images, new IdxImages(samples.Count, GlyphNormalizer.Size, GlyphNormalizer.Size, pixels));
        using var labels = File.Create(Path.Combine(directory, CorrectionsExport.LabelsFileName));
        IdxFile.WriteLabels(labels, samples.Select(s => (byte)s.Label).ToArray());
    }
}
