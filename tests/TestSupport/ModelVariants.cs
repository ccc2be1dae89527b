using System.Text.Json;
using Google.Protobuf;
using MathCluster.Recognition.Classification;
using Onnx;

namespace MathCluster.TestSupport;

/// <summary>
/// Real ONNX models derived from the default model for registry and hot-swap tests: an equally good model with
/// other bytes, one whose input shape breaks the contract, and one that always answers the same class.
/// </summary>
public static class ModelVariants
{
    /// <summary>The default model, same weights, different bytes (its doc string names the variant).</summary>
    public static byte[] Relabelled(string variant) => Edit(model => model.DocString = $"Handwritten math symbol classifier, variant {variant}");

    /// <summary>
    /// The default model taking flat [N,784] input (reshaped inside the graph): it loads and runs, but its input
    /// shape is not the contract's.
    /// </summary>
    public static byte[] WithFlatInput() => Edit(model =>
    {
        const string reshaped = "input_reshaped", shape = "input_shape";
        foreach (var node in model.Graph.Node)
            for (int i = 0; i < node.Input.Count; i++)
                if (node.Input[i] == ModelCard.InputName) node.Input[i] = reshaped;
        var target = new TensorProto { Name = shape, DataType = (int)TensorProto.Types.DataType.Int64 };
        target.Dims.Add(4);
        target.Int64Data.AddRange([-1, 1, 28, 28]);
        model.Graph.Initializer.Add(target);
        var reshape = new NodeProto { OpType = "Reshape", Name = reshaped };
        reshape.Input.AddRange([ModelCard.InputName, shape]);
        reshape.Output.Add(reshaped);
        model.Graph.Node.Insert(0, reshape);
        var dims = model.Graph.Input.Single(i => i.Name == ModelCard.InputName).Type.TensorType.Shape.Dim;
        dims.RemoveAt(3);
        dims.RemoveAt(2);
        dims[1].DimValue = 784;
    });

    /// <summary>The default model with a huge bias on one class, so it answers that class for everything.</summary>
    public static byte[] AlwaysAnswering(int classIndex) => Edit(model =>
    {
        var bias = model.Graph.Initializer.Single(t => t.Name == "classifier.bias");
        var values = new float[bias.RawData.Length / sizeof(float)];
        Buffer.BlockCopy(bias.RawData.ToByteArray(), 0, values, 0, bias.RawData.Length);
        values[classIndex] += 1000f;
        var bytes = new byte[bias.RawData.Length];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        bias.RawData = ByteString.CopyFrom(bytes);
    });

    /// <summary>
    /// The default model with its classifier bias moved to an external data file (a path outside any model
    /// directory): ONNX Runtime would open whatever file the uploader names.
    /// </summary>
    public static byte[] WithExternalData(string location = "../../../../etc/passwd") => Edit(model =>
    {
        var bias = model.Graph.Initializer.Single(t => t.Name == "classifier.bias");
        long length = bias.RawData.Length;
        bias.RawData = ByteString.Empty;
        bias.DataLocation = TensorProto.Types.DataLocation.External;
        bias.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        bias.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = "0" });
        bias.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = length.ToString() });
    });

    /// <summary>The default model with one extra node from a custom operator domain (a custom-op library's).</summary>
    public static byte[] WithCustomOperator(string domain = "com.example.custom") => Edit(model =>
    {
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = domain, Version = 1 });
        var node = new NodeProto { OpType = "Anything", Name = "custom", Domain = domain };
        node.Input.Add(ModelCard.InputName);
        node.Output.Add("custom_output");
        model.Graph.Node.Add(node);
    });

    /// <summary>A model card for <paramref name="model"/>: the default card with another version, hash and, optionally, classes.</summary>
    public static string CardFor(byte[] model, string version, IReadOnlyList<string>? classes = null) =>
        JsonSerializer.Serialize(DefaultModel.Card() with { Version = version, Sha256 = ModelCard.HashOf(model), Classes = classes ?? SymbolClasses.All }, ModelCard.Json);

    private static byte[] Edit(Action<ModelProto> edit)
    {
        var model = ModelProto.Parser.ParseFrom(DefaultModel.ModelBytes());
        edit(model);
        return model.ToByteArray();
    }
}
