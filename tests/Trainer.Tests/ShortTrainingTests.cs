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
        var metrics = ModelEvaluator.Evaluate(classifier, sources);

        double chance = 1.0 / SymbolClasses.Count;
        Assert.True(metrics.MnistTestAccuracy > 0.6, $"MNIST accuracy {metrics.MnistTestAccuracy:P1} (chance {chance:P1})");
        Assert.True(metrics.SymbolsTestAccuracy > 0.6, $"symbols accuracy {metrics.SymbolsTestAccuracy:P1} (chance {chance:P1})");
        // The same held-out glyphs redrawn with one page pen are measured too, every class of them.
        Assert.Equal(sources.PenTest.Count, metrics.PenTestCount);
        Assert.InRange(metrics.PenTestAccuracy!.Value, chance, 1);
        Assert.Equal(sources.SymbolsTest.Labels.Concat(sources.MnistTest.Labels).Distinct().Count(), metrics.PenTestPerClass!.Count);
        Assert.Equal(3, trainer.History.Count);
        Assert.True(trainer.History[^1].TrainLoss < trainer.History[0].TrainLoss, "the loss goes down");
    }

    [SkippableFact]
    public void PenTest_IsTheHeldOutGlyphsRedrawn_TheSameEveryLoad()
    {
        var data = SharedData.Require();
        var first = HandwritingSources.Load(data, limitPerSource: 400, includeTraining: false);
        var second = HandwritingSources.Load(data, limitPerSource: 400, includeTraining: false);

        // Every held-out glyph (the test sets are a quarter of the limit per source here) redrawn, same labels, same ink.
        Assert.Equal(first.MnistTest.Count + first.SymbolsTest.Count, first.PenTest.Count);
        Assert.Equal([.. first.MnistTest.Labels, .. first.SymbolsTest.Labels], first.PenTest.Labels);
        Assert.All(first.PenTest.Sources, s => Assert.Equal(PenRedrawnGlyphs.SourceName, s));
        Assert.Equal(first.PenTest.Glyphs, second.PenTest.Glyphs);
        // Redrawn, not copied: MNIST's thick pen and the symbol sets' hairline are gone.
        Assert.NotEqual(first.MnistTest.Glyphs[0], first.PenTest.Glyphs[0]);
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
