using MathCluster.Trainer.Model;
using Onnx;
using static TorchSharp.torch;

namespace MathCluster.Trainer.Onnx;

/// <summary>
/// Reads a model that <see cref="OnnxModelWriter"/> wrote back into a GlyphNet, so a model without a TorchSharp
/// checkpoint (the committed default) can be fine-tuned. The writer folded each batch norm into its convolution;
/// here the folded bias goes to the batch norm's shift and its statistics are the identity, so evaluation mode
/// computes exactly what the ONNX graph does (fine-tuning freezes the batch norms for that reason).
/// </summary>
public static class OnnxModelReader
{
    public static GlyphNet Read(byte[] onnx, int classes)
    {
        var model = ModelProto.Parser.ParseFrom(onnx);
        var weights = model.Graph.Initializer.ToDictionary(t => t.Name, Values);
        var net = new GlyphNet(classes, LayersOf(model.Graph), HiddenUnitsOf(model.Graph));
        using var noGrad = no_grad();
        int block = 0;
        foreach (var (conv, norm, _) in net.ConvLayers)
        {
            block++;
            Copy(conv.weight!, weights, $"conv{block}.weight");
            Copy(norm.bias!, weights, $"conv{block}.bias");
            norm.weight!.fill_(1);
            norm.running_mean!.zero_();
            norm.running_var!.fill_(1 - norm.eps);
        }
        Copy(net.hidden.weight!, weights, "hidden.weight");
        Copy(net.hidden.bias!, weights, "hidden.bias");
        Copy(net.classifier.weight!, weights, "classifier.weight");
        Copy(net.classifier.bias!, weights, "classifier.bias");
        net.eval();
        return net;
    }

    // The writer names each block's nodes conv{i}, relu{i}, pool{i}: the layers are read off the graph, so models of
    // an earlier architecture (such as the committed default) load too.
    private static List<ConvLayer> LayersOf(GraphProto graph)
    {
        var layers = new List<ConvLayer>();
        var pools = graph.Node.Where(n => n.OpType == "MaxPool").Select(n => n.Name).ToHashSet();
        for (int block = 1; graph.Initializer.FirstOrDefault(t => t.Name == $"conv{block}.weight") is { } weight; block++)
            layers.Add(new ConvLayer((int)weight.Dims[0], pools.Contains($"pool{block}")));
        if (layers.Count == 0) throw new InvalidDataException("The ONNX model has no conv1.weight: it is not a GlyphNet.");
        return layers;
    }

    private static int HiddenUnitsOf(GraphProto graph) =>
        (int)(graph.Initializer.FirstOrDefault(t => t.Name == "hidden.weight")?.Dims[0]
              ?? throw new InvalidDataException("The ONNX model has no hidden.weight: it is not a GlyphNet."));

    private static float[] Values(TensorProto tensor) =>
        tensor.FloatData.Count > 0 ? tensor.FloatData.ToArray() : System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();

    private static void Copy(Tensor target, Dictionary<string, float[]> weights, string name)
    {
        if (!weights.TryGetValue(name, out var values) || values.Length != target.numel())
            throw new InvalidDataException($"The ONNX model has no initializer {name} of {target.numel()} values: it is not a GlyphNet of this architecture.");
        target.copy_(tensor(values).reshape(target.shape));
    }
}
