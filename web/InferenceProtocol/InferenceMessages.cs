using System.Text.Json;
using System.Text.Json.Serialization;

namespace MathCluster.Web.InferenceProtocol;

// The infer request and response as the protocol spells them. These records describe the bodies in OpenAPI only:
// the endpoint reads and writes the bytes itself (InferenceRequestReader, InferenceResponseWriter) for speed.

/// <summary>POST /v2/models/{name}/infer body (JSON, or the JSON header of a binary tensor data body).</summary>
public sealed record InferRequestMessage(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("parameters")] InferRequestParameters? Parameters,
    [property: JsonPropertyName("inputs")] IReadOnlyList<InferInputTensor> Inputs,
    [property: JsonPropertyName("outputs")] IReadOnlyList<InferRequestedOutput>? Outputs);

public sealed record InferRequestParameters([property: JsonPropertyName("binary_data_output")] bool? BinaryDataOutput);

/// <summary>The one input, 'input': FP32 or UINT8, shape [N,1,28,28] or [N,784]; 'data' flat or nested, or binary_data_size.</summary>
public sealed record InferInputTensor(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("shape")] IReadOnlyList<long> Shape,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("parameters")] BinaryTensorParameters? Parameters,
    [property: JsonPropertyName("data")] JsonElement? Data);

public sealed record BinaryTensorParameters([property: JsonPropertyName("binary_data_size")] long? BinaryDataSize);

/// <summary>'probabilities' or 'label'; binary_data returns it as raw bytes after the JSON.</summary>
public sealed record InferRequestedOutput(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("parameters")] RequestedOutputParameters? Parameters);

public sealed record RequestedOutputParameters([property: JsonPropertyName("binary_data")] bool? BinaryData);

/// <summary>The infer answer; model_version is the version that actually served the batch.</summary>
public sealed record InferResponseMessage(
    [property: JsonPropertyName("model_name")] string ModelName,
    [property: JsonPropertyName("model_version")] string ModelVersion,
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("outputs")] IReadOnlyList<InferOutputTensor> Outputs);

/// <summary>'probabilities' FP32 [N,C] (softmax rows) or 'label' BYTES [N]; 'data', or binary_data_size when binary.</summary>
public sealed record InferOutputTensor(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("shape")] IReadOnlyList<long> Shape,
    [property: JsonPropertyName("parameters")] BinaryTensorParameters? Parameters,
    [property: JsonPropertyName("data")] JsonElement? Data);
