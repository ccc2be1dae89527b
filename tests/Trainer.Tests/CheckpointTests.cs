using MathCluster.Recognition.Classification;
using MathCluster.Trainer.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace MathCluster.Trainer.Tests;

public class CheckpointTests
{
    [Fact]
    public void Checkpoint_SavedAndLoadedIntoAFreshNet_GivesTheSameOutputs()
    {
        torch.manual_seed(21);
        var trained = new GlyphNet(SymbolClasses.Count);
        using (no_grad())
        {
            // Running statistics away from their defaults, so a checkpoint without them would show.
            trained.train();
            for (int i = 0; i < 3; i++) trained.call(rand(32, 1, 28, 28));
        }
        trained.eval();
        var path = Path.Combine(Directory.CreateTempSubdirectory("checkpoint-").FullName, "recognizer.checkpoint.pt");
        trained.save(path);

        torch.manual_seed(99);
        var loaded = new GlyphNet(SymbolClasses.Count);
        loaded.load(path);
        loaded.eval();

        var input = rand(8, 1, 28, 28);
        using var noGrad = no_grad();
        var expected = trained.call(input).data<float>().ToArray();
        var actual = loaded.call(input).data<float>().ToArray();
        Assert.Equal(expected, actual);
        var fresh = new GlyphNet(SymbolClasses.Count);
        fresh.eval();
        Assert.NotEqual(expected, fresh.call(input).data<float>().ToArray());
    }
}
