using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace MathCluster.Web.InferenceProtocol;

/// <summary>
/// Reads an infer request body: a JSON header (the whole body, or its first Inference-Header-Content-Length bytes)
/// followed by the raw bytes of inputs that announce <c>binary_data_size</c>. Every way it can be wrong is a 400.
/// </summary>
public static class InferenceRequestReader
{
    private const int MaxRank = 8;
    private static readonly string[] AllOutputs = [RecognizerModel.ProbabilitiesOutput, RecognizerModel.LabelOutput];

    public static InferenceRequest Read(ReadOnlyMemory<byte> body, StringValues headerLength)
    {
        bool binaryBody = headerLength.Count > 0;
        int jsonLength = binaryBody ? JsonLength(headerLength, body.Length) : body.Length;
        var binary = body[jsonLength..];

        using var document = Parse(body[..jsonLength]);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw Bad("The request must be a JSON object with 'inputs'.");

        string? id = OptionalString(root, "id");
        bool allBinary = OptionalBool(OptionalObject(root, "parameters"), BinaryTensorData.AllOutputsParameter) ?? false;
        var (pixels, count) = ReadInput(root, binary.Span, binaryBody);
        return new InferenceRequest(id, pixels, count, ReadOutputs(root, allBinary));
    }

    private static int JsonLength(StringValues headerLength, int bodyLength)
    {
        if (headerLength.Count != 1 || !int.TryParse(headerLength[0], NumberStyles.None, CultureInfo.InvariantCulture, out int length))
            throw Bad($"{BinaryTensorData.HeaderLengthHeader} must be one non-negative integer, not '{headerLength}'.");
        if (length > bodyLength)
            throw Bad($"{BinaryTensorData.HeaderLengthHeader} is {length} but the body has only {bodyLength} bytes.");
        return length;
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> json)
    {
        if (json.Span.StartsWith("\uFEFF"u8)) json = json[3..];
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Bad($"The request is not valid JSON: {e.Message}");
        }
    }

    private static (float[] Pixels, int Count) ReadInput(JsonElement root, ReadOnlySpan<byte> binary, bool binaryBody)
    {
        if (!root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
            throw Bad($"'inputs' must be an array holding the input '{RecognizerModel.InputName}'.");
        if (inputs.GetArrayLength() != 1)
            throw Bad($"The model takes exactly one input, '{RecognizerModel.InputName}'; the request has {inputs.GetArrayLength()}.");
        var input = inputs[0];
        if (input.ValueKind != JsonValueKind.Object) throw Bad("Each input must be a JSON object.");

        string name = RequiredString(input, "name");
        if (name != RecognizerModel.InputName)
            throw Bad($"Unknown input '{name}'; the model's input is '{RecognizerModel.InputName}'.");
        string datatype = RequiredString(input, "datatype");
        int elementSize = TensorDatatypes.InputElementSize(datatype);
        if (elementSize == 0)
            throw Bad($"Unsupported datatype '{datatype}' for input '{name}'; send {TensorDatatypes.Fp32} (ink 0-1) or {TensorDatatypes.Uint8} (ink 0-255).");
        int count = ReadShape(input);
        int elements = count * RecognizerModel.PixelsPerGlyph;

        bool hasData = input.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null;
        if (OptionalInt64(OptionalObject(input, "parameters"), BinaryTensorData.SizeParameter) is not { } size)
        {
            if (!hasData) throw Bad($"Input '{name}' has neither 'data' nor parameters.{BinaryTensorData.SizeParameter}.");
            if (!binary.IsEmpty) throw Bad($"The body has {binary.Length} bytes after the JSON header that no input claims with {BinaryTensorData.SizeParameter}.");
            return (TensorDecoder.FromJson(data, datatype, elements), count);
        }

        if (hasData) throw Bad($"Input '{name}' has both 'data' and {BinaryTensorData.SizeParameter}; send one.");
        if (!binaryBody) throw Bad($"Input '{name}' announces {BinaryTensorData.SizeParameter} but the request has no {BinaryTensorData.HeaderLengthHeader} header.");
        long expected = (long)elements * elementSize;
        if (size != expected)
            throw Bad($"Input '{name}' {BinaryTensorData.SizeParameter} is {size} but {count} glyphs of {datatype} take {expected} bytes.");
        if (binary.Length < size)
            throw Bad($"The body ends early: input '{name}' announces {size} bytes of binary data but only {binary.Length} follow the JSON header.");
        if (binary.Length > size)
            throw Bad($"The body has {binary.Length - size} bytes after input '{name}' that no input claims.");
        return (TensorDecoder.FromBinary(binary, datatype, elements), count);
    }

    /// <summary>N from [N,1,28,28] or [N,784], with 1 &lt;= N &lt;= MaxGlyphs.</summary>
    private static int ReadShape(JsonElement input)
    {
        if (!input.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array || shape.GetArrayLength() is 0 or > MaxRank)
            throw Bad($"Input '{RecognizerModel.InputName}' 'shape' must be [N,1,{RecognizerModel.Side},{RecognizerModel.Side}] or [N,{RecognizerModel.PixelsPerGlyph}].");
        var dims = new long[shape.GetArrayLength()];
        for (int i = 0; i < dims.Length; i++)
        {
            if (shape[i].ValueKind != JsonValueKind.Number || !shape[i].TryGetInt64(out dims[i]))
                throw Bad($"Input '{RecognizerModel.InputName}' 'shape' must hold integers.");
        }
        bool accepted = dims is [_, RecognizerModel.PixelsPerGlyph] or [_, 1, RecognizerModel.Side, RecognizerModel.Side];
        if (!accepted)
            throw Bad($"Input '{RecognizerModel.InputName}' shape [{string.Join(',', dims)}] is not accepted; send [N,1,{RecognizerModel.Side},{RecognizerModel.Side}] or [N,{RecognizerModel.PixelsPerGlyph}].");
        long n = dims[0];
        if (n == 0) throw Bad($"Input '{RecognizerModel.InputName}' has N = 0 glyphs; send at least one.");
        if (n < 0) throw Bad($"Input '{RecognizerModel.InputName}' has a negative batch dimension ({n}).");
        if (n > InferenceLimits.MaxGlyphs)
            throw Bad($"Input '{RecognizerModel.InputName}' has N = {n} glyphs, over the limit of {InferenceLimits.MaxGlyphs} per request; split the batch.");
        return (int)n;
    }

    private static IReadOnlyList<RequestedOutput> ReadOutputs(JsonElement root, bool allBinary)
    {
        if (!root.TryGetProperty("outputs", out var outputs) || outputs.ValueKind == JsonValueKind.Null || outputs.ValueKind == JsonValueKind.Array && outputs.GetArrayLength() == 0)
            return AllOutputs.Select(name => new RequestedOutput(name, allBinary)).ToArray();
        if (outputs.ValueKind != JsonValueKind.Array) throw Bad("'outputs' must be an array of requested outputs.");

        var requested = new List<RequestedOutput>(outputs.GetArrayLength());
        foreach (var output in outputs.EnumerateArray())
        {
            if (output.ValueKind != JsonValueKind.Object) throw Bad("Each requested output must be a JSON object.");
            string name = RequiredString(output, "name");
            if (!AllOutputs.Contains(name))
                throw Bad($"Unknown output '{name}'; the model's outputs are '{RecognizerModel.ProbabilitiesOutput}' and '{RecognizerModel.LabelOutput}'.");
            if (requested.Any(r => r.Name == name)) throw Bad($"Output '{name}' is requested twice.");
            var parameters = OptionalObject(output, "parameters");
            if (parameters is { } p && p.TryGetProperty("classification", out _))
                throw Bad($"The classification extension is not supported; request '{RecognizerModel.LabelOutput}' for the top class.");
            requested.Add(new RequestedOutput(name, OptionalBool(parameters, BinaryTensorData.OutputParameter) ?? allBinary));
        }
        return requested;
    }

    private static string RequiredString(JsonElement owner, string property) =>
        owner.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Bad($"'{property}' must be a string.");

    private static string? OptionalString(JsonElement owner, string property) =>
        !owner.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw Bad($"'{property}' must be a string.");

    private static JsonElement? OptionalObject(JsonElement owner, string property) =>
        !owner.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Object ? value
        : throw Bad($"'{property}' must be a JSON object.");

    private static bool? OptionalBool(JsonElement? owner, string property) =>
        owner is not { } o || !o.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : throw Bad($"Parameter '{property}' must be true or false.");

    private static long? OptionalInt64(JsonElement? owner, string property) =>
        owner is not { } o || !o.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number) && number >= 0 ? number
        : throw Bad($"Parameter '{property}' must be a non-negative integer.");

    private static InferenceProtocolException Bad(string message) => InferenceProtocolException.BadRequest(message);
}
