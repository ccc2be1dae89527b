using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace MathCluster.Web.InferenceProtocol;

/// <summary>
/// Turns raw little-endian input bytes (the binary tensor data extension) into the model's float input as they
/// arrive. UINT8 pixels are scaled by 1/255 (255 is full ink); JSON numbers are read by <see cref="InferenceJsonParser"/>
/// with the same scale.
/// </summary>
public static class TensorDecoder
{
    /// <summary>One table lookup per UINT8 pixel; the same division InkImage.FromGrayBytes does, so both paths agree to the bit.</summary>
    public static readonly float[] ByteScale = Enumerable.Range(0, 256).Select(b => b / 255f).ToArray();

    /// <summary>Copies <paramref name="chunk"/>, the tensor's bytes from <paramref name="offset"/> on, into <paramref name="pixels"/>.</summary>
    public static void CopyBinary(ReadOnlySequence<byte> chunk, string datatype, float[] pixels, long offset)
    {
        if (datatype == TensorDatatypes.Uint8)
        {
            int index = (int)offset;
            foreach (var segment in chunk)
                foreach (byte b in segment.Span)
                    pixels[index++] = ByteScale[b];
            return;
        }
        chunk.CopyTo(MemoryMarshal.AsBytes(pixels.AsSpan())[(int)offset..]);
    }

    /// <summary>Finishes FP32 input read by <see cref="CopyBinary"/>: fixes the byte order and refuses NaN and infinities.</summary>
    public static void RequireFinite(float[] pixels)
    {
        if (!BitConverter.IsLittleEndian)
        {
            var words = MemoryMarshal.Cast<float, int>(pixels.AsSpan());
            BinaryPrimitives.ReverseEndianness(words, words);
        }
        // A vector at a time (all exponent bits set means NaN or infinity), then element by element from the first suspect.
        var bits = MemoryMarshal.Cast<float, int>(pixels.AsSpan());
        var exponent = new Vector<int>(0x7F800000);
        int i = 0;
        for (; i <= bits.Length - Vector<int>.Count; i += Vector<int>.Count)
            if (Vector.EqualsAny(new Vector<int>(bits[i..]) & exponent, exponent)) break;
        for (; i < pixels.Length; i++)
            if (!float.IsFinite(pixels[i])) throw InferenceProtocolException.BadRequest($"Input '{RecognizerModel.InputName}' element {i} is not a finite number ({pixels[i]}).");
    }
}
