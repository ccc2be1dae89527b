using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace MathCluster.Web.InferenceProtocol;

/// <summary>
/// Turns the input tensor, given as JSON numbers (flat or nested, row-major) or as raw little-endian bytes, into the
/// model's float input. UINT8 pixels are scaled by 1/255 (255 is full ink).
/// </summary>
public static class TensorDecoder
{
    // One table lookup per UINT8 pixel; the same division InkImage.FromGrayBytes does, so both paths agree to the bit.
    private static readonly float[] ByteScale = Enumerable.Range(0, 256).Select(b => b / 255f).ToArray();

    public static float[] FromBinary(ReadOnlySpan<byte> bytes, string datatype, int elements)
    {
        var pixels = new float[elements];
        if (datatype == TensorDatatypes.Uint8)
        {
            for (int i = 0; i < pixels.Length; i++) pixels[i] = ByteScale[bytes[i]];
            return pixels;
        }

        if (BitConverter.IsLittleEndian) bytes[..(elements * sizeof(float))].CopyTo(MemoryMarshal.AsBytes(pixels.AsSpan()));
        else for (int i = 0; i < pixels.Length; i++) pixels[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
        for (int i = 0; i < pixels.Length; i++)
            if (!float.IsFinite(pixels[i])) throw InferenceProtocolException.BadRequest($"Input '{RecognizerModel.InputName}' element {i} is not a finite number ({pixels[i]}).");
        return pixels;
    }

    public static float[] FromJson(JsonElement data, string datatype, int elements)
    {
        if (data.ValueKind != JsonValueKind.Array)
            throw InferenceProtocolException.BadRequest($"Input '{RecognizerModel.InputName}' 'data' must be an array of numbers (flat or nested, row-major).");
        var pixels = new float[elements];
        int count = 0;
        Fill(data, datatype == TensorDatatypes.Uint8, pixels, ref count);
        if (count != elements)
            throw InferenceProtocolException.BadRequest($"Input '{RecognizerModel.InputName}' 'data' holds {count} values but its shape needs {elements}.");
        return pixels;
    }

    // Counts every leaf, writing the ones that fit, so a length mismatch is reported with the real count.
    // Recursion depth is bounded by JsonDocument's maximum depth.
    private static void Fill(JsonElement array, bool uint8, float[] pixels, ref int count)
    {
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array)
            {
                Fill(item, uint8, pixels, ref count);
                continue;
            }
            float value = uint8 ? ReadByte(item, count) : ReadSingle(item, count);
            if (count < pixels.Length) pixels[count] = value;
            count++;
        }
    }

    private static float ReadSingle(JsonElement item, int index) =>
        item.ValueKind == JsonValueKind.Number && item.TryGetSingle(out float value) && float.IsFinite(value)
            ? value
            : throw InferenceProtocolException.BadRequest($"Input '{RecognizerModel.InputName}' element {index} is not a finite FP32 number ({Describe(item)}).");

    private static float ReadByte(JsonElement item, int index) =>
        item.ValueKind == JsonValueKind.Number && item.TryGetByte(out byte value)
            ? ByteScale[value]
            : throw InferenceProtocolException.BadRequest($"Input '{RecognizerModel.InputName}' element {index} is not a UINT8 integer 0-255 ({Describe(item)}).");

    private static string Describe(JsonElement item)
    {
        string text = item.GetRawText();
        return text.Length <= 40 ? text : text[..40] + "...";
    }
}
