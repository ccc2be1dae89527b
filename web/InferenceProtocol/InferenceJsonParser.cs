using System.Buffers;
using System.Text;
using System.Text.Json;

namespace MathCluster.Web.InferenceProtocol;

/// <summary>
/// Parses an infer request's JSON as its bytes arrive (<see cref="Feed"/> per chunk), with Utf8JsonReader and no
/// document of the body: the input's 'data' is read number by number straight into the model's float input, sized by
/// the declared shape, so a body whose shape is over the limits or whose data runs past its shape is refused at the
/// first byte that shows it. Every other value (id, name, shape, parameters, outputs) is small and read whole once it
/// has arrived, within <see cref="MaxValueBytes"/>. Every way it can be wrong is a 400.
/// </summary>
public sealed class InferenceJsonParser(bool binaryBody)
{
    /// <summary>Bytes one value other than 'data' (or one number inside it) may take; a longer one is refused, never buffered.</summary>
    public const int MaxValueBytes = 64 * 1024;

    private const int MaxRank = 8;
    private const int LargestRank = 4;
    private const int MaxElements = InferenceLimits.MaxGlyphs * RecognizerModel.PixelsPerGlyph;
    private const int InitialCapacity = RecognizerModel.PixelsPerGlyph;
    private static readonly string[] AllOutputs = [RecognizerModel.ProbabilitiesOutput, RecognizerModel.LabelOutput];
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 32 };

    private enum Place { Start, Root, Inputs, Input, Data, Done }

    private JsonReaderState _state = new(ReaderOptions);
    private Place _place = Place.Start;
    private bool _startChecked;

    private string? _id;
    private bool _nameSeen;
    private bool _allBinary;
    private JsonElement? _outputs;
    private bool _inputsSeen;
    private int _inputCount;

    private string? _datatype;
    private int _count = -1; // glyphs, from the shape
    private long? _binarySize;
    private bool _dataSeen, _hasData;
    private int _dataDepth;
    private float[] _values = [];
    private int _valueCount;
    private bool _rawValues; // numbers kept as written because the datatype was not known yet
    private int _firstNonByte = -1;

    /// <summary>Reads what it can of <paramref name="json"/> and returns how many bytes it used; the rest must be offered again with more.</summary>
    public long Feed(ReadOnlySequence<byte> json, bool isFinalBlock)
    {
        long skipped = 0;
        if (!_startChecked)
        {
            // A UTF-8 byte-order mark is allowed before the JSON (some clients write one); the reader does not skip it.
            if (json.Length < 3 && !isFinalBlock) return 0;
            _startChecked = true;
            Span<byte> start = stackalloc byte[3];
            if (json.Length >= 3)
            {
                json.Slice(0, 3).CopyTo(start);
                if (start.SequenceEqual("\uFEFF"u8)) skipped = 3;
            }
        }

        var reader = new Utf8JsonReader(json.Slice(skipped), isFinalBlock, _state);
        try
        {
            Advance(ref reader);
        }
        catch (JsonException e)
        {
            throw Bad($"The request is not valid JSON: {e.Message}");
        }
        _state = reader.CurrentState;
        if (isFinalBlock && _place != Place.Done) throw Bad("The request JSON ends early.");
        return skipped + reader.BytesConsumed;
    }

    /// <summary>The request once the JSON is complete: the input's pixels when it came as 'data', or how many binary bytes follow.</summary>
    public ParsedHeader Finish()
    {
        if (!_inputsSeen) throw Bad($"'inputs' must be an array holding the input '{RecognizerModel.InputName}'.");
        if (_inputCount == 0) throw Bad($"The model takes exactly one input, '{RecognizerModel.InputName}'; the request has none.");
        var outputs = ReadOutputs(_outputs, _allBinary);
        int elements = _count * RecognizerModel.PixelsPerGlyph;
        return _binarySize is { } size
            ? new ParsedHeader(_id, _datatype!, _count, null, size, outputs)
            : new ParsedHeader(_id, _datatype!, _count, _values.Length == elements ? _values : _values[..elements], 0, outputs);
    }

    private void Advance(ref Utf8JsonReader reader)
    {
        while (true)
        {
            bool progressed = _place switch
            {
                Place.Start => Start(ref reader),
                Place.Root => RootMember(ref reader),
                Place.Inputs => NextInput(ref reader),
                Place.Input => InputMember(ref reader),
                Place.Data => DataTokens(ref reader),
                _ => reader.Read() ? throw Bad("The request has content after its JSON object.") : false,
            };
            if (!progressed) return;
        }
    }

    private bool Start(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) return false;
        if (reader.TokenType != JsonTokenType.StartObject) throw Bad("The request must be a JSON object with 'inputs'.");
        _place = Place.Root;
        return true;
    }

    private bool RootMember(ref Utf8JsonReader reader)
    {
        var probe = reader;
        if (!probe.Read()) return false;
        if (probe.TokenType == JsonTokenType.EndObject)
        {
            reader.Read();
            _place = Place.Done;
            return true;
        }
        if (probe.ValueTextEquals("inputs"u8))
        {
            if (!EnterValue(ref reader, probe)) return false;
            if (_inputsSeen) throw Bad("'inputs' appears twice.");
            if (reader.TokenType != JsonTokenType.StartArray) throw Bad($"'inputs' must be an array holding the input '{RecognizerModel.InputName}'.");
            _inputsSeen = true;
            _place = Place.Inputs;
            return true;
        }
        using var value = WholeMember(ref reader, probe, out string name);
        if (value is null) return false;
        var element = value.RootElement;
        switch (name)
        {
            case "id":
                _id = element.ValueKind == JsonValueKind.Null ? null : StringValue(element, "id");
                break;
            case "parameters":
                _allBinary = OptionalBool(ObjectValue(element, "parameters"), BinaryTensorData.AllOutputsParameter) ?? false;
                break;
            case "outputs":
                _outputs = element.Clone();
                break;
        }
        return true;
    }

    private bool NextInput(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) return false;
        switch (reader.TokenType)
        {
            case JsonTokenType.EndArray:
                _place = Place.Root;
                return true;
            case JsonTokenType.StartObject when _inputCount > 0:
                throw Bad($"The model takes exactly one input, '{RecognizerModel.InputName}'; the request has more.");
            case JsonTokenType.StartObject:
                _inputCount++;
                _place = Place.Input;
                return true;
            default:
                throw Bad("Each input must be a JSON object.");
        }
    }

    private bool InputMember(ref Utf8JsonReader reader)
    {
        var probe = reader;
        if (!probe.Read()) return false;
        if (probe.TokenType == JsonTokenType.EndObject)
        {
            reader.Read();
            EndInput();
            _place = Place.Inputs;
            return true;
        }
        if (probe.ValueTextEquals("data"u8))
        {
            if (!EnterValue(ref reader, probe)) return false;
            if (_dataSeen) throw Bad("'data' appears twice.");
            _dataSeen = true;
            if (reader.TokenType == JsonTokenType.Null) return true;
            if (reader.TokenType != JsonTokenType.StartArray)
                throw Bad($"Input '{RecognizerModel.InputName}' 'data' must be an array of numbers (flat or nested, row-major).");
            _hasData = true;
            _dataDepth = reader.CurrentDepth;
            _values = new float[_count > 0 ? _count * RecognizerModel.PixelsPerGlyph : InitialCapacity];
            _place = Place.Data;
            return true;
        }
        using var value = WholeMember(ref reader, probe, out string name);
        if (value is null) return false;
        var element = value.RootElement;
        switch (name)
        {
            case "name":
                string input = StringValue(element, "name");
                if (input != RecognizerModel.InputName) throw Bad($"Unknown input '{input}'; the model's input is '{RecognizerModel.InputName}'.");
                _nameSeen = true;
                break;
            case "datatype":
                string datatype = StringValue(element, "datatype");
                if (TensorDatatypes.InputElementSize(datatype) == 0)
                    throw Bad($"Unsupported datatype '{datatype}' for input '{RecognizerModel.InputName}'; send {TensorDatatypes.Fp32} (ink 0-1) or {TensorDatatypes.Uint8} (ink 0-255).");
                _datatype = datatype;
                break;
            case "shape":
                _count = ReadShape(element);
                if (_hasData && _valueCount > _count * RecognizerModel.PixelsPerGlyph) throw DataPastShape();
                break;
            case "parameters":
                _binarySize = OptionalInt64(ObjectValue(element, "parameters"), BinaryTensorData.SizeParameter);
                break;
        }
        return true;
    }

    private bool DataTokens(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    Append(ref reader);
                    break;
                case JsonTokenType.StartArray:
                    if (reader.CurrentDepth - _dataDepth >= LargestRank)
                        throw Bad($"Input '{RecognizerModel.InputName}' 'data' is nested deeper than any accepted shape ({LargestRank} levels).");
                    break;
                case JsonTokenType.EndArray when reader.CurrentDepth == _dataDepth:
                    _place = Place.Input;
                    return true;
                case JsonTokenType.EndArray:
                    break;
                default:
                    throw Bad($"Input '{RecognizerModel.InputName}' element {_valueCount} is not a number ({Describe(ref reader)}).");
            }
        }
        return false;
    }

    private void Append(ref Utf8JsonReader reader)
    {
        int index = _valueCount;
        if (_count > 0 && index >= _count * RecognizerModel.PixelsPerGlyph) throw DataPastShape();
        if (index >= MaxElements)
            throw Bad($"Input '{RecognizerModel.InputName}' 'data' holds more than the {MaxElements} values of {InferenceLimits.MaxGlyphs} glyphs, the most one request may carry.");
        if (index == _values.Length) Array.Resize(ref _values, Math.Min(2 * _values.Length, MaxElements));

        if (_datatype == TensorDatatypes.Uint8)
        {
            _values[index] = reader.TryGetByte(out byte b)
                ? TensorDecoder.ByteScale[b]
                : throw Bad($"Input '{RecognizerModel.InputName}' element {index} is not a UINT8 integer 0-255 ({Describe(ref reader)}).");
        }
        else
        {
            if (!reader.TryGetSingle(out float value) || !float.IsFinite(value))
                throw Bad($"Input '{RecognizerModel.InputName}' element {index} is not a finite {_datatype ?? TensorDatatypes.Fp32} number ({Describe(ref reader)}).");
            if (_datatype is null)
            {
                // The datatype comes later: keep the number as written and whether it could be a UINT8.
                _rawValues = true;
                if (_firstNonByte < 0 && !reader.TryGetByte(out _)) _firstNonByte = index;
            }
            _values[index] = value;
        }
        _valueCount++;
    }

    private void EndInput()
    {
        if (!_nameSeen) throw Bad("'name' must be a string.");
        if (_datatype is null) throw Bad("'datatype' must be a string.");
        if (_count < 0)
            throw Bad($"Input '{RecognizerModel.InputName}' 'shape' must be [N,1,{RecognizerModel.Side},{RecognizerModel.Side}] or [N,{RecognizerModel.PixelsPerGlyph}].");
        int elements = _count * RecognizerModel.PixelsPerGlyph;

        if (_binarySize is not { } size)
        {
            if (!_hasData) throw Bad($"Input '{RecognizerModel.InputName}' has neither 'data' nor parameters.{BinaryTensorData.SizeParameter}.");
            if (_valueCount != elements)
                throw Bad($"Input '{RecognizerModel.InputName}' 'data' holds {_valueCount} values but its shape needs {elements}.");
            if (_rawValues && _datatype == TensorDatatypes.Uint8)
            {
                if (_firstNonByte >= 0)
                    throw Bad($"Input '{RecognizerModel.InputName}' element {_firstNonByte} is not a UINT8 integer 0-255 ({_values[_firstNonByte]}).");
                for (int i = 0; i < _valueCount; i++) _values[i] = TensorDecoder.ByteScale[(int)_values[i]];
            }
            return;
        }

        if (_hasData) throw Bad($"Input '{RecognizerModel.InputName}' has both 'data' and {BinaryTensorData.SizeParameter}; send one.");
        if (!binaryBody)
            throw Bad($"Input '{RecognizerModel.InputName}' announces {BinaryTensorData.SizeParameter} but the request has no {BinaryTensorData.HeaderLengthHeader} header.");
        long expected = (long)elements * TensorDatatypes.InputElementSize(_datatype);
        if (size != expected)
            throw Bad($"Input '{RecognizerModel.InputName}' {BinaryTensorData.SizeParameter} is {size} but {_count} glyphs of {_datatype} take {expected} bytes.");
    }

    /// <summary>Moves <paramref name="reader"/> onto the first token of the value of the member <paramref name="probe"/> stands on, once that token has arrived.</summary>
    private static bool EnterValue(ref Utf8JsonReader reader, Utf8JsonReader probe)
    {
        if (!probe.Read()) return false;
        reader.Read();
        reader.Read();
        return true;
    }

    /// <summary>The member <paramref name="probe"/> stands on, read whole once its value has fully arrived; null until then.</summary>
    private static JsonDocument? WholeMember(ref Utf8JsonReader reader, Utf8JsonReader probe, out string name)
    {
        name = "";
        if (!WholeValueArrived(probe)) return null;
        reader.Read();
        name = reader.GetString()!;
        return JsonDocument.ParseValue(ref reader);
    }

    /// <summary>The value after the property <paramref name="probe"/> stands on has fully arrived (it is never longer than <see cref="MaxValueBytes"/>).</summary>
    private static bool WholeValueArrived(Utf8JsonReader probe)
    {
        bool arrived = probe.Read() && probe.TrySkip();
        if (!arrived && probe.IsFinalBlock) return true; // let the real reader report the malformed JSON
        return arrived;
    }

    /// <summary>N from [N,1,28,28] or [N,784], with 1 &lt;= N &lt;= MaxGlyphs.</summary>
    private static int ReadShape(JsonElement shape)
    {
        if (shape.ValueKind != JsonValueKind.Array || shape.GetArrayLength() is 0 or > MaxRank)
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

    private static IReadOnlyList<RequestedOutput> ReadOutputs(JsonElement? outputs, bool allBinary)
    {
        if (outputs is not { } list || list.ValueKind == JsonValueKind.Null || list.ValueKind == JsonValueKind.Array && list.GetArrayLength() == 0)
            return AllOutputs.Select(name => new RequestedOutput(name, allBinary)).ToArray();
        if (list.ValueKind != JsonValueKind.Array) throw Bad("'outputs' must be an array of requested outputs.");

        var requested = new List<RequestedOutput>(list.GetArrayLength());
        foreach (var output in list.EnumerateArray())
        {
            if (output.ValueKind != JsonValueKind.Object) throw Bad("Each requested output must be a JSON object.");
            string name = output.TryGetProperty("name", out var nameValue) ? StringValue(nameValue, "name") : throw Bad("'name' must be a string.");
            if (!AllOutputs.Contains(name))
                throw Bad($"Unknown output '{name}'; the model's outputs are '{RecognizerModel.ProbabilitiesOutput}' and '{RecognizerModel.LabelOutput}'.");
            if (requested.Any(r => r.Name == name)) throw Bad($"Output '{name}' is requested twice.");
            var parameters = output.TryGetProperty("parameters", out var p) ? ObjectValue(p, "parameters") : null;
            if (parameters is { } given && given.TryGetProperty("classification", out _))
                throw Bad($"The classification extension is not supported; request '{RecognizerModel.LabelOutput}' for the top class.");
            requested.Add(new RequestedOutput(name, OptionalBool(parameters, BinaryTensorData.OutputParameter) ?? allBinary));
        }
        return requested;
    }

    private static string StringValue(JsonElement value, string property) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Bad($"'{property}' must be a string.");

    private static JsonElement? ObjectValue(JsonElement value, string property) =>
        value.ValueKind == JsonValueKind.Null ? null
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

    private static string Describe(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.Number or JsonTokenType.String)) return reader.TokenType.ToString();
        ReadOnlySpan<byte> raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        string text = Encoding.UTF8.GetString(raw[..Math.Min(raw.Length, 40)]);
        return reader.TokenType == JsonTokenType.String ? $"\"{text}\"" : text;
    }

    private InferenceProtocolException DataPastShape() =>
        Bad($"Input '{RecognizerModel.InputName}' 'data' holds more values than its shape [{_count},...] needs ({_count * RecognizerModel.PixelsPerGlyph}).");

    private static InferenceProtocolException Bad(string message) => InferenceProtocolException.BadRequest(message);
}

/// <summary>An infer request's JSON, checked: the input's pixels when they came as 'data', else the binary bytes that must follow.</summary>
public sealed record ParsedHeader(string? Id, string Datatype, int Count, float[]? Pixels, long BinarySize, IReadOnlyList<RequestedOutput> Outputs);
