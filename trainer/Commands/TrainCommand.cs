using System.Diagnostics;
using MathCluster.Recognition.Classification;
using MathCluster.Trainer.Data;
using MathCluster.Trainer.Model;
using Spectre.Console;

namespace MathCluster.Trainer.Commands;

/// <summary>train: data → normalised glyphs → GlyphNet → ONNX + model card + plots, evaluated through ONNX Runtime.</summary>
public static class TrainCommand
{
    public const string ModelFileName = "recognizer.onnx";
    /// <summary>The TorchSharp weights beside the ONNX model, for fine-tuning from it.</summary>
    public const string CheckpointFileName = "recognizer.checkpoint.pt";
    public const int SynthesisedDivisionSigns = 2000;

    public static async Task<int> RunAsync(string? dataDirectory, string outDirectory, TrainingOptions options, string? version, int? limitPerSource, CancellationToken cancellationToken)
    {
        var data = HandwritingSources.Locate(dataDirectory);
        if (data is null)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]No training data in {dataDirectory ?? "../shared/data"}[/] (expected mnist/, math-symbols/ and bhmsds/ as in ../shared/data).");
            return 2;
        }
        Directory.CreateDirectory(outDirectory);
        version ??= "v" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss");
        var clock = Stopwatch.StartNew();

        HandwritingSources sources = null!;
        AnsiConsole.Status().Start("Reading and normalising the three sources…", _ =>
        {
            sources = HandwritingSources.Load(data, limitPerSource);
            sources.Train.AddRange(DivisionSignSynthesizer.Generate(limitPerSource is null ? SynthesisedDivisionSigns : SynthesisedDivisionSigns / 10, options.Seed));
            if (options.PenShare > 0)
                sources.Train.AddRange(PenRedrawnGlyphs.GenerateShare(data, options.PenShare, options.Seed,
                    maxPerClass: limitPerSource is null ? null : Math.Max(1, (int)(limitPerSource.Value * options.PenShare / 10))));
        });
        var bySource = sources.Train.Sources.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        AnsiConsole.MarkupLineInterpolated($"Training glyphs: {sources.Train.Count} ({string.Join(", ", bySource.Select(kv => $"{kv.Key} {kv.Value}"))}); MNIST test {sources.MnistTest.Count}; symbols held out {sources.SymbolsTest.Count}; {clock.Elapsed.TotalSeconds:F0}s");

        var trainer = new GlyphTrainer(options);
        GlyphNet net = null!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("epoch 1", maxValue: options.Epochs);
                await Task.Run(() =>
                {
                    net = trainer.Train(sources.Train, sources.MnistTest, sources.SymbolsTest, SymbolClasses.Count,
                        onBatch: (epoch, batch, batches, loss) =>
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            task.Description = $"epoch {epoch}/{options.Epochs} loss {loss:F3}";
                            task.Value = epoch - 1 + (double)batch / batches;
                        },
                        onEpoch: e => AnsiConsole.MarkupLineInterpolated(
                            $"epoch {e.Epoch}: loss {e.TrainLoss:F4}, train {e.TrainAccuracy:P2}, MNIST test {e.MnistTestAccuracy:P2}, symbols held-out {e.SymbolsTestAccuracy:P2} ({e.Seconds:F0}s)"));
                }, cancellationToken);
            });

        var (modelPath, _, bytes) = await TrainedModelFiles.WriteAsync(net, version, outDirectory, sources, trainer.History, new TrainingSettings
        {
            Epochs = options.Epochs,
            Seed = options.Seed,
            BatchSize = options.BatchSize,
            LearningRate = options.LearningRate,
            SamplesPerEpoch = options.SamplesPerEpoch(SymbolClasses.Count),
            DurationSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            TrainingSamplesBySource = bySource,
            Architecture = net.Architecture,
            Augmentation = GlyphAugmenter.Description + (options.PenShare > 0 ? $"; {options.PenShare:P0} of each class's glyphs added again redrawn with one page pen" : ""),
        }, extraMetrics: null, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"Wrote {modelPath} ({bytes / 1024} KiB, version {version}), its card and its checkpoint in {clock.Elapsed.TotalMinutes:F1} min.");
        return 0;
    }
}
