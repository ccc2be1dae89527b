using Google.Protobuf;
using MathCluster.Recognition.Classification;
using MathCluster.Trainer.Model;
using Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MathCluster.Trainer.Onnx;

/// <summary>
/// Writes a trained GlyphNet as an ONNX graph (TorchSharp has no exporter): batch norms are folded into
/// the convolutions, dropout is dropped, and a softmax gives the "probabilities" output.
/// Input "input" float32 [N,1,28,28], dynamic N; opset 13.
/// </summary>
public static class OnnxModelWriter
{
    public const int Opset = 13;

    public static byte[] Write(GlyphNet net, IReadOnlyList<string> classes, string version)
    {
        var graph = new GraphProto { Name = "glyphnet" };
        graph.Input.Add(TensorValue(ModelCard.InputName, ["N", 1, 28, 28]));
        graph.Output.Add(TensorValue(ModelCard.OutputName, ["N", classes.Count]));

        string x = ModelCard.InputName;
        int block = 0;
        foreach (var (conv, norm, pool) in net.ConvLayers)
        {
            block++;
            var (weight, bias) = FoldBatchNorm(conv, norm);
            graph.Initializer.Add(Initializer($"conv{block}.weight", weight, conv.weight!.shape));
            graph.Initializer.Add(Initializer($"conv{block}.bias", bias, bias.Length));
            long k = conv.weight!.shape[2];
            long pad = k / 2;
            x = Node(graph, "Conv", [x, $"conv{block}.weight", $"conv{block}.bias"], $"conv{block}",
                Ints("kernel_shape", k, k), Ints("pads", pad, pad, pad, pad), Ints("strides", 1, 1));
            x = Node(graph, "Relu", [x], $"relu{block}");
            if (pool) x = Node(graph, "MaxPool", [x], $"pool{block}", Ints("kernel_shape", 2, 2), Ints("strides", 2, 2));
        }
        x = Node(graph, "Flatten", [x], "flatten", Int("axis", 1));
        x = Gemm(graph, x, net.hidden, "hidden");
        x = Node(graph, "Relu", [x], "hidden_relu");
        x = Gemm(graph, x, net.classifier, "classifier");
        Node(graph, "Softmax", [x], ModelCard.OutputName, Int("axis", 1));

        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "MathCluster.Trainer",
            ModelVersion = 1,
            DocString = $"Handwritten math symbol classifier {version}",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "version", Value = version });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "classes", Value = string.Join(" ", classes) });
        return model.ToByteArray();
    }

    private static (float[] Weight, float[] Bias) FoldBatchNorm(Conv2d conv, BatchNorm2d norm)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var scale = norm.weight! / (norm.running_var! + norm.eps).sqrt();
        var weight = conv.weight! * scale.reshape(-1, 1, 1, 1);
        var bias = norm.bias! - norm.running_mean! * scale;
        return (weight.contiguous().data<float>().ToArray(), bias.contiguous().data<float>().ToArray());
    }

    private static string Gemm(GraphProto graph, string x, Linear linear, string name)
    {
        graph.Initializer.Add(Initializer($"{name}.weight", linear.weight!.contiguous().data<float>().ToArray(), linear.weight.shape));
        graph.Initializer.Add(Initializer($"{name}.bias", linear.bias!.contiguous().data<float>().ToArray(), linear.bias.shape));
        return Node(graph, "Gemm", [x, $"{name}.weight", $"{name}.bias"], name, Int("transB", 1));
    }

    private static TensorProto Initializer(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        tensor.RawData = ByteString.CopyFrom(bytes);
        return tensor;
    }

    private static string Node(GraphProto graph, string op, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return output;
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static ValueInfoProto TensorValue(string name, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d is string symbol
                ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(d) });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
