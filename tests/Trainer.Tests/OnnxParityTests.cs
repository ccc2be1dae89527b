using MathCluster.Recognition.Classification;
using MathCluster.Trainer.Model;
using MathCluster.Trainer.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace MathCluster.Trainer.Tests;

public class OnnxParityTests
{
    [Fact]
    public void Export_SameWeights_OnnxRuntimeOutputEqualsTheTorchSharpForward()
    {
        torch.manual_seed(11);
        var net = new GlyphNet(SymbolClasses.Count);
        using (no_grad())
        {
            // Non-trivial batch-norm parameters and running statistics, so folding them into the convolutions is really tested.
            net.train();
            for (int i = 0; i < 5; i++) net.call(rand(64, 1, 28, 28));
            foreach (var (_, norm, _) in net.ConvLayers)
            {
                norm.weight!.uniform_(0.5, 1.5);
                norm.bias!.uniform_(-0.3, 0.3);
            }
        }
        net.eval();

        const int n = 16;
        var input = rand(n, 1, 28, 28);
        float[] expected;
        using (no_grad()) expected = nn.functional.softmax(net.call(input), 1).data<float>().ToArray();

        var onnx = OnnxModelWriter.Write(net, SymbolClasses.All, "parity-test");
        using var classifier = new OnnxGlyphClassifier(onnx, new ModelCard { Version = "parity-test", Classes = SymbolClasses.All });
        var actual = classifier.Predict(input.data<float>().ToArray(), n);

        Assert.Equal(expected.Length, actual.Length);
        double maxDifference = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(maxDifference < 1e-4, $"max |onnx - torch| = {maxDifference}");
        // The rows are distributions, and not all the same: the comparison is not trivially satisfied.
        for (int row = 0; row < n; row++) Assert.Equal(1.0, actual.Skip(row * SymbolClasses.Count).Take(SymbolClasses.Count).Sum(), 4);
        Assert.True(actual.Distinct().Count() > SymbolClasses.Count);
    }

    [Fact]
    public void Export_Model_DeclaresTheContractAndADynamicBatch()
    {
        torch.manual_seed(3);
        var net = new GlyphNet(SymbolClasses.Count);
        net.eval();
        var onnx = OnnxModelWriter.Write(net, SymbolClasses.All, "contract-test");
        var model = global::Onnx.ModelProto.Parser.ParseFrom(onnx);

        Assert.Contains(model.OpsetImport, o => o.Version >= 13);
        var input = Assert.Single(model.Graph.Input);
        Assert.Equal(ModelCard.InputName, input.Name);
        Assert.Equal("N", input.Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(new long[] { 1, 28, 28 }, input.Type.TensorType.Shape.Dim.Skip(1).Select(d => d.DimValue));
        var output = Assert.Single(model.Graph.Output);
        Assert.Equal(ModelCard.OutputName, output.Name);
        Assert.Equal(SymbolClasses.Count, output.Type.TensorType.Shape.Dim[1].DimValue);
        Assert.Equal("Softmax", model.Graph.Node.Last().OpType);

        // Batches of different sizes run through the same session.
        using var classifier = new OnnxGlyphClassifier(onnx, new ModelCard { Version = "contract-test", Classes = SymbolClasses.All });
        foreach (int n in new[] { 1, 7, 64 })
            Assert.Equal(n * SymbolClasses.Count, classifier.Predict(new float[n * 784], n).Length);
    }
}
