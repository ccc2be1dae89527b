using System.Diagnostics;
using MathCluster.Recognition.Classification;
using MathCluster.Trainer.Data;
using MathCluster.Trainer.Model;
using MathCluster.Trainer.Onnx;
using Spectre.Console;

namespace MathCluster.Trainer.Commands;

/// <summary>
/// finetune: a trained model (checkpoint, or ONNX written by this trainer) learns users' corrections in a few epochs.
/// Each epoch mixes the corrections, oversampled, with a class-balanced replay sample of the original training data so
/// the model forgets nothing; a fifth of the corrections is held out and reported on. Writes what train writes.
/// </summary>
public static class FinetuneCommand
{
    public sealed record Settings
    {
        public int Epochs { get; init; } = 4;
        public int Seed { get; init; } = 7;
        /// <summary>Low: Adam moves every weight by about this much a step, and a few hundred steps must not undo the base model.</summary>
        public double LearningRate { get; init; } = 2e-4;
        /// <summary>Correction samples per epoch, drawn with repetition (augmentation makes repeats differ).</summary>
        public int CorrectionsPerEpoch { get; init; } = 2000;
        /// <summary>Replay samples per epoch, class-balanced, from the first <see cref="ReplayPoolPerSource"/> glyphs of each source.</summary>
        public int ReplayPerEpoch { get; init; } = 12000;
        public int ReplayPoolPerSource { get; init; } = 12000;
    }

    public static async Task<int> RunAsync(string basePath, string corrections, string outDirectory, string? dataDirectory, string? token, string? version,
        Settings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var data = HandwritingSources.Locate(dataDirectory);
        if (data is null)
        {
            Console.Error.WriteLine($"No training data in {dataDirectory ?? "../shared/data"} (expected mnist/, math-symbols/ and bhmsds/): fine-tuning replays it.");
            return 2;
        }
        if (!File.Exists(basePath))
        {
            Console.Error.WriteLine($"Base model {basePath} not found (a {TrainCommand.CheckpointFileName} or a {TrainCommand.ModelFileName} this trainer wrote).");
            return 2;
        }
        var correctionsDirectory = corrections;
        if (Uri.TryCreate(corrections, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            token ??= Environment.GetEnvironmentVariable(PublishCommand.TokenVariable);
            if (string.IsNullOrWhiteSpace(token))
            {
                Console.Error.WriteLine($"Give the cluster's admin token with --token or {PublishCommand.TokenVariable} to pull the corrections.");
                return 2;
            }
            correctionsDirectory = Path.Combine(outDirectory, "corrections");
            using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
            try
            {
                await CorrectionSet.DownloadAsync(http, token, correctionsDirectory, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                Console.Error.WriteLine($"Cannot pull the corrections from {url}: {e.Message}");
                return 1;
            }
        }
        CorrectionSet correctionSet;
        try
        {
            correctionSet = CorrectionSet.Load(correctionsDirectory);
        }
        catch (Exception e) when (e is IOException or Recognition.Data.IdxFormatException)
        {
            Console.Error.WriteLine($"Cannot read the corrections in {correctionsDirectory}: {e.Message}");
            return 2;
        }
        if (correctionSet.Train.Count == 0)
        {
            Console.Error.WriteLine("There are no corrections to learn from.");
            return 2;
        }
        version ??= "ft" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss");

        var net = basePath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)
            ? OnnxModelReader.Read(await File.ReadAllBytesAsync(basePath, cancellationToken), SymbolClasses.Count)
            : LoadCheckpoint(basePath);
        double before = GlyphTrainer.Accuracy(net, correctionSet.Holdout);

        var sources = HandwritingSources.Load(data, settings.ReplayPoolPerSource, fullTestSets: true);
        var train = new GlyphSet();
        int skipped = AddFinite(train, sources.Train);
        int replayCount = train.Count;
        skipped += AddFinite(train, correctionSet.Train);
        if (skipped > 0) AnsiConsole.MarkupLineInterpolated($"[yellow]Skipped {skipped} glyphs with non-finite pixels[/] (one such glyph turns every weight into NaN).");
        AnsiConsole.MarkupLineInterpolated($"Corrections: {correctionSet.Train.Count} to learn, {correctionSet.Holdout.Count} held out (base model reads {before:P1} of them); replay pool {replayCount}; {clock.Elapsed.TotalSeconds:F0}s");

        var options = new TrainingOptions { Epochs = settings.Epochs, Seed = settings.Seed, LearningRate = settings.LearningRate, FreezeBatchNorm = true };
        var replayLabels = train.Labels.Take(replayCount).ToList();
        int replayPerClass = settings.ReplayPerEpoch / SymbolClasses.Count;
        int[] EpochOrder(Random random)
        {
            var replay = BalancedSampler.Epoch(replayLabels, SymbolClasses.Count, _ => replayPerClass, random);
            var order = replay.Concat(Enumerable.Range(0, settings.CorrectionsPerEpoch).Select(k => replayCount + random.Next(train.Count - replayCount))).ToArray();
            random.Shuffle(order);
            return order;
        }
        var trainer = new GlyphTrainer(options);
        await Task.Run(() => trainer.Train(net, train, EpochOrder, sources.MnistTest, sources.SymbolsTest,
            onBatch: (epoch, batch, _, loss) =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!double.IsFinite(loss)) throw new InvalidOperationException($"The loss is {loss} at epoch {epoch}, batch {batch}: fine-tuning diverged.");
            },
            onEpoch: e => AnsiConsole.MarkupLineInterpolated(
                $"epoch {e.Epoch}: loss {e.TrainLoss:F4}, train {e.TrainAccuracy:P2}, MNIST test {e.MnistTestAccuracy:P2}, symbols held-out {e.SymbolsTestAccuracy:P2}, corrections held out {GlyphTrainer.Accuracy(net, correctionSet.Holdout):P1} ({e.Seconds:F0}s)")),
            cancellationToken);

        var (modelPath, card, bytes) = await TrainedModelFiles.WriteAsync(net, version, outDirectory, sources, trainer.History, new TrainingSettings
        {
            Epochs = options.Epochs,
            Seed = options.Seed,
            BatchSize = options.BatchSize,
            LearningRate = options.LearningRate,
            SamplesPerEpoch = settings.ReplayPerEpoch / SymbolClasses.Count * SymbolClasses.Count + settings.CorrectionsPerEpoch,
            DurationSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            TrainingSamplesBySource = new Dictionary<string, int> { ["replay"] = replayCount, [CorrectionSet.Source] = correctionSet.Train.Count },
            Architecture = net.Architecture + $"; fine-tuned from {Path.GetFileName(basePath)}, batch norms frozen",
            Augmentation = GlyphAugmenter.Description,
        }, (classifier, metrics) => correctionSet.Holdout.Count == 0 ? metrics : metrics with
        {
            CorrectionsHoldoutAccuracy = ModelEvaluator.Accuracy(classifier, correctionSet.Holdout),
            CorrectionsHoldoutCount = correctionSet.Holdout.Count,
        }, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"Corrections held out: base {before:P1}, fine-tuned {card.Metrics!.CorrectionsHoldoutAccuracy ?? double.NaN:P1} (n = {correctionSet.Holdout.Count}).");
        AnsiConsole.MarkupLineInterpolated($"Wrote {modelPath} ({bytes / 1024} KiB, version {version}), its card and its checkpoint in {clock.Elapsed.TotalMinutes:F1} min.");
        return 0;
    }

    private static int AddFinite(GlyphSet target, GlyphSet source)
    {
        int skipped = 0;
        for (int i = 0; i < source.Count; i++)
        {
            if (source.Glyphs[i].All(float.IsFinite)) target.Add(source.Glyphs[i], source.Labels[i], source.Sources[i]);
            else skipped++;
        }
        return skipped;
    }

    private static GlyphNet LoadCheckpoint(string path)
    {
        var net = new GlyphNet(SymbolClasses.Count);
        net.load(path);
        net.eval();
        return net;
    }
}
