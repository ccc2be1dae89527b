namespace MathCluster.Web.InferenceProtocol;

/// <summary>Names of Triton's binary tensor data extension: raw tensor bytes after a JSON header of a given length.</summary>
public static class BinaryTensorData
{
    public const string ExtensionName = "binary_tensor_data";
    public const string HeaderLengthHeader = "Inference-Header-Content-Length";
    public const string ContentType = "application/octet-stream";

    /// <summary>On an input or output: how many raw bytes after the JSON hold this tensor.</summary>
    public const string SizeParameter = "binary_data_size";

    /// <summary>On a requested output: return it as raw bytes.</summary>
    public const string OutputParameter = "binary_data";

    /// <summary>On the request: return every output as raw bytes unless the output says otherwise.</summary>
    public const string AllOutputsParameter = "binary_data_output";
}
