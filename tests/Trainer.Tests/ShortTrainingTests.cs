using MathCluster.Recognition.Classification;
using MathCluster.TestSupport;
using MathCluster.Trainer.Data;
using MathCluster.Trainer.Model;
using MathCluster.Trainer.Onnx;

namespace MathCluster.Trainer.Tests;

public class ShortTrainingTests
{
    [SkippableFact]
    public void Train_AFewThousandSamples_LearnsWellAboveChance()
    {
        var data = SharedData.Require();
        var sources = HandwritingSources.Load(data, limitPerSource: 1500);
        Assert.Equal(4500, sources.Train.Count);

        var trainer = new GlyphTrainer(new TrainingOptions { Epochs = 3, SamplesPerClass = 150, Seed = 5 });
        var net = trainer.Train(sources.Train, sources.MnistTest, sources.SymbolsTest, SymbolClasses.Count);

        using var classifier = new OnnxGlyphClassifier(OnnxModelWriter.Write(net, SymbolClasses.All, "short"),
            new ModelCard { Version = "short", Classes = SymbolClasses.All }, Environment.ProcessorCount);
        var metrics = ModelEvaluator.Evaluate(classifier, sources.MnistTest, sources.SymbolsTest);

        double chance = 1.0 / SymbolClasses.Count;
        Assert.True(metrics.MnistTestAccuracy > 0.6, $"MNIST accuracy {metrics.MnistTestAccuracy:P1} (chance {chance:P1})");
        Assert.True(metrics.SymbolsTestAccuracy > 0.6, $"symbols accuracy {metrics.SymbolsTestAccuracy:P1} (chance {chance:P1})");
        Assert.Equal(3, trainer.History.Count);
        Assert.True(trainer.History[^1].TrainLoss < trainer.History[0].TrainLoss, "the loss goes down");
    }

    [Fact]
    public void HeldOutMask_EveryClass_TakesTheLastShareInFileOrder()
    {
        int[] labels = [.. Enumerable.Repeat(0, 100), .. Enumerable.Repeat(1, 20)];
        var mask = HandwritingSources.HeldOutMask(labels);
        Assert.Equal(15, mask.Take(100).Count(m => m));
        Assert.Equal(3, mask.Skip(100).Count(m => m));
        Assert.All(mask.Skip(85).Take(15), Assert.True);
        Assert.All(mask.Take(85), Assert.False);
    }

    [Fact]
    public void BalancedSampler_Epoch_DrawsTheRequestedCountPerClass()
    {
        int[] labels = [.. Enumerable.Repeat(0, 1000), .. Enumerable.Repeat(1, 7)];
        var order = BalancedSampler.Epoch(labels, 2, c => c == 0 ? 50 : 30, new Random(1));
        Assert.Equal(50, order.Count(i => labels[i] == 0));
        Assert.Equal(30, order.Count(i => labels[i] == 1));
        Assert.Equal(7, order.Where(i => labels[i] == 1).Distinct().Count());
    }
}
