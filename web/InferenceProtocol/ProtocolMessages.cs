namespace MathCluster.Web.InferenceProtocol;

/// <summary>GET /v2.</summary>
public sealed record ServerMetadata(string Name, string Version, IReadOnlyList<string> Extensions);

/// <summary>GET /v2/models/{name}[/versions/{version}].</summary>
public sealed record ModelMetadata(string Name, IReadOnlyList<string> Versions, string Platform, IReadOnlyList<TensorMetadata> Inputs, IReadOnlyList<TensorMetadata> Outputs);

/// <summary>A tensor's name, datatype and shape (-1 for the variable batch dimension).</summary>
public sealed record TensorMetadata(string Name, string Datatype, IReadOnlyList<long> Shape);

/// <summary>GET /v2/models/{name}[/versions/{version}]/ready.</summary>
public sealed record ModelReady(string Name, bool Ready);

/// <summary>Every /v2 error: the protocol's <c>{"error": "..."}</c>.</summary>
public sealed record ProtocolError(string Error);
