using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using MathCluster.Grains;

namespace MathCluster.Web.InferenceProtocol;

/// <summary>
/// Writes the infer response for a classified batch into one buffer: the JSON header with the requested outputs in
/// order (JSON data, or binary_data_size for binary ones), then the raw bytes of the binary outputs in the same order.
/// </summary>
public static class InferenceResponseWriter
{
    // Rough JSON text per value, to size the buffer once: "0.123456789," for probabilities, "\"7\"," for labels.
    private const int JsonBytesPerProbability = 16, JsonBytesPerLabel = 8, HeaderBytes = 512;

    public static InferenceResponse Write(InferenceRequest request, GlyphBatchResult result)
    {
        int count = request.Count, classes = result.Classes.Count;
        if (result.Probabilities.Length != count * classes || result.Glyphs.Count != count)
            throw new InvalidOperationException($"The recognizer answered {result.Probabilities.Length} probabilities and {result.Glyphs.Count} labels for {count} glyphs of {classes} classes.");

        var labels = new byte[count][];
        for (int i = 0; i < count; i++) labels[i] = Encoding.UTF8.GetBytes(result.Glyphs[i].Label);
        long probabilityBytes = (long)count * classes * sizeof(float);
        long labelBytes = labels.Sum(l => (long)sizeof(uint) + l.Length);

        var buffer = new ArrayBufferWriter<byte>(Estimate(request.Outputs, count, classes, probabilityBytes, labelBytes));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model_name", RecognizerModel.Name);
            json.WriteString("model_version", result.ModelVersion);
            if (request.Id is not null) json.WriteString("id", request.Id);
            json.WriteStartArray("outputs");
            foreach (var output in request.Outputs)
            {
                json.WriteStartObject();
                json.WriteString("name", output.Name);
                if (output.Name == RecognizerModel.ProbabilitiesOutput)
                {
                    json.WriteString("datatype", TensorDatatypes.Fp32);
                    WriteShape(json, count, classes);
                    if (output.Binary) WriteBinarySize(json, probabilityBytes);
                    else WriteProbabilities(json, result.Probabilities);
                }
                else
                {
                    json.WriteString("datatype", TensorDatatypes.Bytes);
                    WriteShape(json, count);
                    if (output.Binary) WriteBinarySize(json, labelBytes);
                    else WriteLabels(json, result.Glyphs);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }

        int headerLength = buffer.WrittenCount;
        bool anyBinary = false;
        foreach (var output in request.Outputs.Where(o => o.Binary))
        {
            anyBinary = true;
            if (output.Name == RecognizerModel.ProbabilitiesOutput) AppendProbabilities(buffer, result.Probabilities);
            else AppendLabels(buffer, labels);
        }
        return new InferenceResponse(buffer.WrittenMemory, headerLength, anyBinary);
    }

    private static int Estimate(IReadOnlyList<RequestedOutput> outputs, int count, int classes, long probabilityBytes, long labelBytes)
    {
        long size = HeaderBytes;
        foreach (var output in outputs)
        {
            bool probabilities = output.Name == RecognizerModel.ProbabilitiesOutput;
            size += output.Binary ? (probabilities ? probabilityBytes : labelBytes)
                                  : (long)count * (probabilities ? classes * JsonBytesPerProbability : JsonBytesPerLabel);
        }
        return (int)Math.Min(size, Array.MaxLength);
    }

    private static void WriteShape(Utf8JsonWriter json, params ReadOnlySpan<int> dims)
    {
        json.WriteStartArray("shape");
        foreach (int dim in dims) json.WriteNumberValue(dim);
        json.WriteEndArray();
    }

    private static void WriteBinarySize(Utf8JsonWriter json, long bytes)
    {
        json.WriteStartObject("parameters");
        json.WriteNumber(BinaryTensorData.SizeParameter, bytes);
        json.WriteEndObject();
    }

    private static void WriteProbabilities(Utf8JsonWriter json, float[] probabilities)
    {
        json.WriteStartArray("data");
        foreach (float p in probabilities) json.WriteNumberValue(p);
        json.WriteEndArray();
    }

    private static void WriteLabels(Utf8JsonWriter json, IReadOnlyList<GlyphClassification> glyphs)
    {
        json.WriteStartArray("data");
        foreach (var glyph in glyphs) json.WriteStringValue(glyph.Label);
        json.WriteEndArray();
    }

    private static void AppendProbabilities(ArrayBufferWriter<byte> buffer, float[] probabilities)
    {
        var target = buffer.GetSpan(probabilities.Length * sizeof(float))[..(probabilities.Length * sizeof(float))];
        if (BitConverter.IsLittleEndian) MemoryMarshal.AsBytes(probabilities.AsSpan()).CopyTo(target);
        else for (int i = 0; i < probabilities.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(target[(i * sizeof(float))..], probabilities[i]);
        buffer.Advance(target.Length);
    }

    // BYTES elements in binary form: a 4-byte little-endian length, then the bytes.
    private static void AppendLabels(ArrayBufferWriter<byte> buffer, byte[][] labels)
    {
        foreach (var label in labels)
        {
            var target = buffer.GetSpan(sizeof(uint) + label.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(target, (uint)label.Length);
            label.CopyTo(target[sizeof(uint)..]);
            buffer.Advance(sizeof(uint) + label.Length);
        }
    }
}
