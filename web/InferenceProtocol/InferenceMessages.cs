using System.Text.Json;
using System.Text.Json.Serialization;

namespace MathCluster.Web.InferenceProtocol;

// The infer request and response as the protocol spells them. These records describe the bodies in OpenAPI only:
// the endpoint reads and writes the bytes itself (InferenceRequestReader, InferenceResponseWriter) for speed.

/// <summary>POST /v2/models/{name}/infer body (JSON, or the JSON header of a binary tensor data body).</summary>
public sealed record InferRequestMessage(
    [property: JsonPropertyName("inputs")] IReadOnlyList<InferInputTensor> Inputs,
    [property: JsonPropertyName("id")] string? Id = null,
    [property: JsonPropertyName("parameters")] InferRequestParameters? Parameters = null,
    [property: JsonPropertyName("outputs")] IReadOnlyList<InferRequestedOutput>? Outputs = null);

public sealed record InferRequestParameters([property: JsonPropertyName("binary_data_output")] bool? BinaryDataOutput = null);

/// <summary>The one input, 'input': FP32 or UINT8, shape [N,1,28,28] or [N,784]; 'data' flat or nested, or binary_data_size.</summary>
public sealed record InferInputTensor(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("shape")] IReadOnlyList<long> Shape,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("parameters")] BinaryTensorParameters? Parameters = null,
    [property: JsonPropertyName("data")] JsonElement? Data = null);

public sealed record BinaryTensorParameters([property: JsonPropertyName("binary_data_size")] long? BinaryDataSize = null);

/// <summary>'probabilities' or 'label'; binary_data returns it as raw bytes after the JSON.</summary>
public sealed record InferRequestedOutput(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("parameters")] RequestedOutputParameters? Parameters = null);

public sealed record RequestedOutputParameters([property: JsonPropertyName("binary_data")] bool? BinaryData = null);

/// <summary>The infer answer; model_version is the version that actually served the batch.</summary>
public sealed record InferResponseMessage(
    [property: JsonPropertyName("model_name")] string ModelName,
    [property: JsonPropertyName("model_version")] string ModelVersion,
    [property: JsonPropertyName("outputs")] IReadOnlyList<InferOutputTensor> Outputs,
    [property: JsonPropertyName("id")] string? Id = null);

/// <summary>'probabilities' FP32 [N,C] (softmax rows) or 'label' BYTES [N]; 'data', or binary_data_size when binary.</summary>
public sealed record InferOutputTensor(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("shape")] IReadOnlyList<long> Shape,
    [property: JsonPropertyName("parameters")] BinaryTensorParameters? Parameters = null,
    [property: JsonPropertyName("data")] JsonElement? Data = null);
