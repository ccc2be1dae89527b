namespace MathCluster.Web.InferenceProtocol;

/// <summary>A validated infer request: the glyphs as the model's float input (Count x 784) and the outputs to return, in order.</summary>
public sealed record InferenceRequest(string? Id, float[] Pixels, int Count, IReadOnlyList<RequestedOutput> Outputs);

/// <summary>An output to return, as JSON data or as raw bytes after the JSON (binary tensor data extension).</summary>
public readonly record struct RequestedOutput(string Name, bool Binary);
