using Google.Protobuf;
using Onnx;

namespace MathCluster.Grains.Models;

/// <summary>
/// Reads an uploaded model as a plain ModelProto before ONNX Runtime ever sees it, and lists what makes it unsafe to
/// load: tensors whose bytes live in external files (ONNX Runtime would open paths the uploader chose), operators
/// from domains other than the default (custom-op libraries), and weights beyond the size cap.
/// </summary>
public static class OnnxModelInspection
{
    private static readonly HashSet<string> DefaultDomains = ["", "ai.onnx"];

    public static IReadOnlyList<string> Problems(byte[] onnx, long maxInitializerBytes)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(onnx);
        }
        catch (InvalidProtocolBufferException e)
        {
            return [$"The file is not an ONNX model (its protobuf cannot be read: {e.Message})."];
        }
        if (model.Graph is null) return ["The file is not an ONNX model: it has no graph."];

        var problems = new List<string>();
        foreach (var opset in model.OpsetImport.Where(o => !DefaultDomains.Contains(o.Domain)))
            problems.Add($"The model imports operator domain '{opset.Domain}'; only the default ONNX domain is accepted.");
        if (model.Functions.Count > 0) problems.Add("The model defines local functions; only plain graphs of default ONNX operators are accepted.");

        long weightBytes = 0;
        foreach (var graph in Graphs(model.Graph))
        {
            foreach (var node in graph.Node.Where(n => !DefaultDomains.Contains(n.Domain)))
                problems.Add($"Node '{node.Name}' uses operator {node.OpType} from domain '{node.Domain}'; only the default ONNX domain is accepted.");
            var tensors = graph.Initializer
                .Concat(graph.SparseInitializer.SelectMany(s => new[] { s.Values, s.Indices }.OfType<TensorProto>()))
                .Concat(graph.Node.SelectMany(n => n.Attribute).SelectMany(a => a.Tensors.Prepend(a.T).OfType<TensorProto>()));
            foreach (var tensor in tensors)
            {
                if (tensor.DataLocation == TensorProto.Types.DataLocation.External || tensor.ExternalData.Count > 0)
                    problems.Add($"Tensor '{tensor.Name}' keeps its data in an external file; upload a model with every weight inside it.");
                weightBytes += tensor.CalculateSize();
            }
        }
        if (weightBytes > maxInitializerBytes)
            problems.Add($"The model's weights take {weightBytes} bytes; at most {maxInitializerBytes} are accepted ({ModelOptions.Section}:{nameof(ModelOptions.MaxInitializerBytes)}).");
        return problems.Distinct().ToList();
    }

    /// <summary>The graph and every subgraph (If/Loop/Scan bodies), however deeply nested.</summary>
    private static IEnumerable<GraphProto> Graphs(GraphProto root)
    {
        var pending = new Stack<GraphProto>([root]);
        while (pending.TryPop(out var graph))
        {
            yield return graph;
            foreach (var attribute in graph.Node.SelectMany(n => n.Attribute))
            {
                if (attribute.G is { } single) pending.Push(single);
                foreach (var nested in attribute.Graphs) pending.Push(nested);
            }
        }
    }
}
