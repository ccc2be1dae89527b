using System.Globalization;

namespace MathCluster.Web.InferenceProtocol;

/// <summary>
/// A finished infer response in one buffer: JSON, or (when any output is binary) the JSON header followed by the raw
/// output bytes, with Inference-Header-Content-Length saying where the header ends.
/// </summary>
public sealed class InferenceResponse(ReadOnlyMemory<byte> body, int headerLength, bool hasBinaryOutputs) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = hasBinaryOutputs ? BinaryTensorData.ContentType : "application/json";
        if (hasBinaryOutputs) response.Headers[BinaryTensorData.HeaderLengthHeader] = headerLength.ToString(CultureInfo.InvariantCulture);
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}
