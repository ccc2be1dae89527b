using MathCluster.Recognition;
using MathCluster.Trainer.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace MathCluster.Trainer.Model;

public sealed record TrainingOptions
{
    /// <summary>Held-out accuracy stops rising after a few epochs (see the training curves); 12 fit in 30 minutes on two cores.</summary>
    public int Epochs { get; init; } = 12;
    public int Seed { get; init; } = 7;
    public int BatchSize { get; init; } = 256;
    public double LearningRate { get; init; } = 3e-3;
    /// <summary>Samples drawn per symbol class each epoch; digits get <see cref="DigitWeight"/> times as many.</summary>
    public int SamplesPerClass { get; init; } = 3000;
    /// <summary>Digits are most of what people write, and the 1 must win its close calls against / and the brackets.</summary>
    public double DigitWeight { get; init; } = 2.0;
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>
    /// Fine-tuning keeps the base model's batch-norm statistics: a few hundred oversampled corrections would
    /// otherwise drag them towards one handwriting style.
    /// </summary>
    public bool FreezeBatchNorm { get; init; }

    /// <summary>
    /// A slanted 1 and a / are often the same stroke; CROHME's slashes are nearly upright. Drawing fewer slashes
    /// makes the model say 1 when a stroke could be either, which is the common case on a canvas.
    /// </summary>
    public double SlashWeight { get; init; } = 0.5;

    /// <summary>
    /// Share of every class's training glyphs added again redrawn with one page pen (<see cref="Data.PenRedrawnGlyphs"/>):
    /// the page draws brackets, slashes and digits with the same pen, which the sources' own pens never show.
    /// </summary>
    public double PenShare { get; init; } = 0.3;

    /// <summary>Channel multiplier over <see cref="GlyphNet.DefaultLayers"/> and its hidden units, for capacity ablations.</summary>
    public double Width { get; init; } = 1.0;

    public int SamplesFor(int label) => (int)Math.Round(SamplesPerClass * (label <= 9 ? DigitWeight : label == SlashLabel ? SlashWeight : 1));

    private static readonly int SlashLabel = Recognition.Classification.SymbolClasses.IndexOf(Recognition.Classification.SymbolClasses.Slash);

    public int SamplesPerEpoch(int classCount) => Enumerable.Range(0, classCount).Sum(SamplesFor);
}

public sealed record EpochResult(int Epoch, double TrainLoss, double TrainAccuracy, double MnistTestAccuracy, double SymbolsTestAccuracy, double Seconds);

/// <summary>Trains a GlyphNet with class-balanced, augmented batches and a one-cycle learning rate.</summary>
public sealed class GlyphTrainer(TrainingOptions options)
{
    public delegate void BatchProgress(int epoch, int batch, int batches, double loss);

    private const double MaxGradientNorm = 5.0;

    public List<EpochResult> History { get; } = [];

    /// <summary>Trains a new GlyphNet on class-balanced epochs drawn from <paramref name="train"/>.</summary>
    public GlyphNet Train(GlyphSet train, GlyphSet mnistTest, GlyphSet symbolsTest, int classCount, BatchProgress? onBatch = null, Action<EpochResult>? onEpoch = null) =>
        Train(GlyphNet.Widened(classCount, options.Width), train, random => BalancedSampler.Epoch(train.Labels, classCount, options.SamplesFor, random),
            mnistTest, symbolsTest, onBatch, onEpoch);

    /// <summary>
    /// Trains <paramref name="net"/> further; <paramref name="epochOrder"/> draws each epoch's sample indices into
    /// <paramref name="train"/> (the same count every epoch, so the one-cycle schedule knows its length).
    /// </summary>
    public GlyphNet Train(GlyphNet net, GlyphSet train, Func<Random, int[]> epochOrder, GlyphSet mnistTest, GlyphSet symbolsTest,
        BatchProgress? onBatch = null, Action<EpochResult>? onEpoch = null)
    {
        torch.set_num_threads(options.Threads);
        torch.manual_seed(options.Seed);
        var generator = new Generator((ulong)options.Seed);
        var random = new Random(options.Seed);
        var augmenter = new GlyphAugmenter(generator);
        var optimizer = optim.AdamW(net.parameters(), options.LearningRate, weight_decay: 1e-4);
        var order = epochOrder(random);
        int batchesPerEpoch = (int)Math.Ceiling((double)order.Length / options.BatchSize);
        var schedule = optim.lr_scheduler.OneCycleLR(optimizer, options.LearningRate, total_steps: options.Epochs * batchesPerEpoch);

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var started = DateTime.UtcNow;
            net.train();
            if (options.FreezeBatchNorm) net.FreezeBatchNorm();
            if (epoch > 1) order = epochOrder(random);
            double lossSum = 0;
            long correct = 0, seen = 0;
            int batches = (int)Math.Ceiling((double)order.Length / options.BatchSize);
            for (int b = 0; b < batches; b++)
            {
                using var scope = NewDisposeScope();
                var indices = order.AsSpan(b * options.BatchSize, Math.Min(options.BatchSize, order.Length - b * options.BatchSize)).ToArray();
                var inputs = augmenter.Apply(tensor(train.Pack(indices), [indices.Length, 1, GlyphNormalizer.Size, GlyphNormalizer.Size]));
                var targets = tensor(indices.Select(i => (long)train.Labels[i]).ToArray());
                var logits = net.call(inputs);
                var loss = nn.functional.cross_entropy(logits, targets, label_smoothing: 0.05);
                optimizer.zero_grad();
                loss.backward();
                // A rare exploding batch early in the one-cycle warm-up must not turn the weights into NaN.
                nn.utils.clip_grad_norm_(net.parameters(), MaxGradientNorm);
                optimizer.step();
                schedule.step();
                double lossValue = loss.item<float>();
                lossSum += lossValue * indices.Length;
                correct += logits.argmax(1).eq(targets).sum().item<long>();
                seen += indices.Length;
                onBatch?.Invoke(epoch, b + 1, batches, lossValue);
            }
            var result = new EpochResult(epoch, lossSum / seen, (double)correct / seen,
                Accuracy(net, mnistTest), Accuracy(net, symbolsTest), (DateTime.UtcNow - started).TotalSeconds);
            History.Add(result);
            onEpoch?.Invoke(result);
        }
        net.eval();
        return net;
    }

    /// <summary>Accuracy of the TorchSharp model itself (eval mode); the final numbers come from ONNX Runtime.</summary>
    public static double Accuracy(GlyphNet net, GlyphSet set)
    {
        if (set.Count == 0) return 0;
        net.eval();
        using var noGrad = no_grad();
        long correct = 0;
        const int batch = 1000;
        for (int start = 0; start < set.Count; start += batch)
        {
            using var scope = NewDisposeScope();
            var indices = Enumerable.Range(start, Math.Min(batch, set.Count - start)).ToArray();
            var logits = net.call(tensor(set.Pack(indices), [indices.Length, 1, GlyphNormalizer.Size, GlyphNormalizer.Size]));
            var targets = tensor(indices.Select(i => (long)set.Labels[i]).ToArray());
            correct += logits.argmax(1).eq(targets).sum().item<long>();
        }
        return (double)correct / set.Count;
    }
}
