using System.Buffers.Binary;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using MathCluster.Recognition;
using MathCluster.TestSupport;

namespace MathCluster.Web.Tests.Support;

/// <summary>
/// Builds Open Inference Protocol infer bodies (JSON, or a JSON header plus binary tensor data) the way Triton and
/// KServe clients do, and decodes their answers, JSON or binary, into one shape.
/// </summary>
public static class InferenceBodies
{
    public const string HeaderLength = "Inference-Header-Content-Length";

    /// <summary>The glyphs of <paramref name="text"/> drawn on a canvas and normalised like the server does: Count x 784 floats.</summary>
    public static float[] DrawnGlyphs(string text)
    {
        var sketch = new CanvasSketch().Write(text);
        var ink = sketch.ToInk();
        return sketch.Boxes.SelectMany(box => GlyphNormalizer.Normalize(ink.Crop(box))).ToArray();
    }

    /// <summary>Ink 0-1 as UINT8 0-255.</summary>
    public static byte[] Quantize(float[] pixels) => pixels.Select(v => (byte)MathF.Round(Math.Clamp(v, 0f, 1f) * 255f)).ToArray();

    /// <summary>UINT8 ink as the FP32 values the server makes of it.</summary>
    public static float[] Dequantize(byte[] pixels) => pixels.Select(b => b / 255f).ToArray();

    public static HttpContent Json(object request) =>
        new StringContent(JsonSerializer.Serialize(request), Encoding.UTF8, "application/json");

    /// <summary>A JSON header followed by raw tensor bytes, with the header's length in Inference-Header-Content-Length.</summary>
    public static HttpContent Binary(object header, byte[] tensor) => Binary(JsonSerializer.SerializeToUtf8Bytes(header), tensor);

    public static HttpContent Binary(byte[] header, byte[] tensor, string? headerLength = null)
    {
        var content = new ByteArrayContent([.. header, .. tensor]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.TryAddWithoutValidation(HeaderLength, headerLength ?? header.Length.ToString(CultureInfo.InvariantCulture));
        return content;
    }

    public static byte[] LittleEndian(float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        return bytes;
    }

    /// <summary>[N][1][28][28] nested arrays, as a client holding an image batch sends them.</summary>
    public static T[][][][] Nest4<T>(T[] pixels) =>
        pixels.Chunk(GlyphNormalizer.PixelCount)
            .Select(glyph => new[] { glyph.Chunk(GlyphNormalizer.Size).ToArray() })
            .ToArray();

    /// <summary>[N][784] nested arrays.</summary>
    public static T[][] Nest2<T>(T[] pixels) => pixels.Chunk(GlyphNormalizer.PixelCount).ToArray();

    /// <summary>Decodes a 200 answer, reading binary outputs from after the JSON header when there are any.</summary>
    public static async Task<InferAnswer> DecodeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        int headerLength = response.Headers.TryGetValues(HeaderLength, out var values)
            ? int.Parse(values.Single(), CultureInfo.InvariantCulture)
            : body.Length;
        using var json = JsonDocument.Parse(body.AsMemory(0, headerLength));
        var root = json.RootElement;
        int offset = headerLength;
        var outputs = new List<OutputTensor>();
        foreach (var output in root.GetProperty("outputs").EnumerateArray())
        {
            string name = output.GetProperty("name").GetString()!;
            string datatype = output.GetProperty("datatype").GetString()!;
            long[] shape = output.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            bool binary = output.TryGetProperty("parameters", out var parameters) && parameters.TryGetProperty("binary_data_size", out _);
            if (binary)
            {
                Assert.False(output.TryGetProperty("data", out _), "a binary output carries no JSON data");
                int size = parameters.GetProperty("binary_data_size").GetInt32();
                var bytes = body.AsSpan(offset, size);
                offset += size;
                outputs.Add(datatype == "FP32"
                    ? new OutputTensor(name, datatype, shape, true, MemoryMarshal.Cast<byte, float>(bytes).ToArray(), null)
                    : new OutputTensor(name, datatype, shape, true, null, ReadBytesElements(bytes)));
            }
            else
            {
                var data = output.GetProperty("data");
                outputs.Add(datatype == "FP32"
                    ? new OutputTensor(name, datatype, shape, false, data.EnumerateArray().Select(v => v.GetSingle()).ToArray(), null)
                    : new OutputTensor(name, datatype, shape, false, null, data.EnumerateArray().Select(v => v.GetString()!).ToArray()));
            }
        }
        Assert.Equal(body.Length, offset);
        return new InferAnswer(
            root.GetProperty("model_name").GetString()!,
            root.GetProperty("model_version").GetString()!,
            root.TryGetProperty("id", out var id) ? id.GetString() : null,
            outputs);
    }

    // BYTES in binary form: each element a 4-byte little-endian length, then its bytes.
    private static string[] ReadBytesElements(ReadOnlySpan<byte> bytes)
    {
        var elements = new List<string>();
        while (!bytes.IsEmpty)
        {
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes);
            elements.Add(Encoding.UTF8.GetString(bytes.Slice(4, length)));
            bytes = bytes[(4 + length)..];
        }
        return elements.ToArray();
    }
}

public sealed record InferAnswer(string ModelName, string ModelVersion, string? Id, IReadOnlyList<OutputTensor> Outputs)
{
    public OutputTensor Output(string name) => Outputs.Single(o => o.Name == name);
    public float[] Probabilities => Output("probabilities").Floats!;
    public string[] Labels => Output("label").Strings!;
}

public sealed record OutputTensor(string Name, string Datatype, long[] Shape, bool Binary, float[]? Floats, string[]? Strings);
