using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace MathCluster.Web.InferenceProtocol;

/// <summary>
/// Reads an infer request body as it arrives: a JSON header (the whole body, or its first Inference-Header-Content-Length
/// bytes), parsed chunk by chunk by <see cref="InferenceJsonParser"/>, then the raw bytes of an input that announces
/// <c>binary_data_size</c>, copied straight into the model's input. Nothing is reserved for a declared length: memory
/// follows the bytes that came, and a body is refused at the first byte that makes it wrong. Every fault is a 400 (413
/// past the size cap, or JSON past <see cref="InferenceLimits.MaxJsonBytes"/>).
/// </summary>
public static class InferenceRequestReader
{
    private const int Cap = InferenceLimits.MaxBodyBytes;

    public static async Task<InferenceRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > Cap) throw TooLarge();
        // Kestrel's own limit (30 MB by default) would cut off legal bodies; enforce exactly this cap instead.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
            sizeLimit.MaxRequestBodySize = Cap;

        var headerLength = request.Headers[BinaryTensorData.HeaderLengthHeader];
        long? jsonLength = headerLength.Count > 0 ? JsonLength(headerLength, request.ContentLength) : null;
        if (jsonLength is null && request.ContentLength > InferenceLimits.MaxJsonBytes) throw JsonTooLarge();
        var body = request.BodyReader;
        try
        {
            var header = await ReadJsonAsync(body, new InferenceJsonParser(jsonLength is not null), jsonLength, cancellationToken);
            float[] pixels = header.Pixels ?? await ReadBinaryAsync(body, header, jsonLength!.Value, cancellationToken);
            await RequireEndAsync(body, header, cancellationToken);
            return new InferenceRequest(header.Id, pixels, header.Count, header.Outputs);
        }
        catch (BadHttpRequestException bad)
        {
            throw new InferenceProtocolException(bad.StatusCode,
                bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge().Message : $"The request body cannot be read: {bad.Message}");
        }
    }

    private static long JsonLength(StringValues headerLength, long? bodyLength)
    {
        if (headerLength.Count != 1 || !long.TryParse(headerLength[0], NumberStyles.None, CultureInfo.InvariantCulture, out long length))
            throw Bad($"{BinaryTensorData.HeaderLengthHeader} must be one non-negative integer, not '{headerLength}'.");
        if (length > bodyLength)
            throw Bad($"{BinaryTensorData.HeaderLengthHeader} is {length} but the body has only {bodyLength} bytes.");
        if (length > InferenceLimits.MaxJsonBytes) throw JsonTooLarge();
        return length;
    }

    private static async Task<ParsedHeader> ReadJsonAsync(PipeReader body, InferenceJsonParser parser, long? jsonLength, CancellationToken cancellationToken)
    {
        long parsed = 0;
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            // Every read is advanced, a refused one too: a read left open makes Kestrel drop the connection after the
            // answer, and a client that reuses it for its next request sees that request fail.
            SequencePosition consumed = buffer.Start, examined = buffer.End;
            try
            {
                var json = jsonLength is { } length ? buffer.Slice(0, Math.Min(buffer.Length, length - parsed)) : buffer;
                if (parsed + json.Length > InferenceLimits.MaxJsonBytes) throw JsonTooLarge();
                bool final = jsonLength is { } whole ? parsed + json.Length == whole : read.IsCompleted;
                if (!final && read.IsCompleted)
                    throw Bad($"{BinaryTensorData.HeaderLengthHeader} is {jsonLength} but the body has only {parsed + buffer.Length} bytes.");

                long used = parser.Feed(json, final);
                if (final)
                {
                    // The last block is read to its end (trailing whitespace included) or refused.
                    consumed = examined = json.End;
                    return parser.Finish();
                }
                parsed += used;
                consumed = buffer.GetPosition(used);
                // What the parser left waits for more bytes; only a value it reads whole (never 'data') can be left, and that is small.
                if (json.Length - used > InferenceJsonParser.MaxValueBytes)
                    throw Bad($"A JSON value of the request other than 'data' is longer than {InferenceJsonParser.MaxValueBytes} bytes.");
            }
            finally
            {
                body.AdvanceTo(consumed, examined);
            }
        }
    }

    private static async Task<float[]> ReadBinaryAsync(PipeReader body, ParsedHeader header, long jsonLength, CancellationToken cancellationToken)
    {
        long size = header.BinarySize;
        if (jsonLength + size > Cap) throw TooLarge();
        // Not zeroed: the header's size was checked to cover every element, and a body that ends early is refused.
        var pixels = GC.AllocateUninitializedArray<float>(header.Count * RecognizerModel.PixelsPerGlyph);
        long filled = 0;
        while (filled < size)
        {
            var read = await body.ReadAsync(cancellationToken);
            var chunk = read.Buffer.Slice(0, Math.Min(read.Buffer.Length, size - filled));
            TensorDecoder.CopyBinary(chunk, header.Datatype, pixels, filled);
            filled += chunk.Length;
            body.AdvanceTo(chunk.End);
            if (filled < size && read.IsCompleted)
                throw Bad($"The body ends early: input '{RecognizerModel.InputName}' announces {size} bytes of binary data but only {filled} follow the JSON header.");
        }
        if (header.Datatype == TensorDatatypes.Fp32) TensorDecoder.RequireFinite(pixels);
        return pixels;
    }

    private static async Task RequireEndAsync(PipeReader body, ParsedHeader header, CancellationToken cancellationToken)
    {
        var read = await body.ReadAsync(cancellationToken);
        long extra = read.Buffer.Length;
        body.AdvanceTo(read.Buffer.End);
        if (extra == 0) return;
        throw Bad(header.Pixels is not null && header.BinarySize == 0
            ? $"The body has bytes after the JSON header that no input claims with {BinaryTensorData.SizeParameter}."
            : $"The body has bytes after input '{RecognizerModel.InputName}' that no input claims.");
    }

    private static InferenceProtocolException TooLarge() =>
        InferenceProtocolException.TooLarge($"The request body is larger than {Cap} bytes; send at most {InferenceLimits.MaxGlyphs} glyphs per request, as binary tensor data for large batches.");

    private static InferenceProtocolException JsonTooLarge() =>
        InferenceProtocolException.TooLarge($"The request's JSON is larger than {InferenceLimits.MaxJsonBytes} bytes; send large batches as binary tensor data " +
                                            $"({BinaryTensorData.HeaderLengthHeader} and {BinaryTensorData.SizeParameter}), up to {InferenceLimits.MaxGlyphs} glyphs per request.");

    private static InferenceProtocolException Bad(string message) => InferenceProtocolException.BadRequest(message);
}
