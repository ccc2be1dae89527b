namespace MathCluster.Web.InferenceProtocol;

/// <summary>
/// A /v2 request that cannot be answered, thrown where the problem is found (deep in parsing, or at the cluster
/// boundary) and turned into the protocol's <c>{"error": ...}</c> by <see cref="ProtocolErrorFilter"/>.
/// </summary>
public sealed class InferenceProtocolException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public static InferenceProtocolException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);
    public static InferenceProtocolException NotFound(string message) => new(StatusCodes.Status404NotFound, message);
    public static InferenceProtocolException TooLarge(string message) => new(StatusCodes.Status413PayloadTooLarge, message);
    public static InferenceProtocolException Unavailable(string message) => new(StatusCodes.Status503ServiceUnavailable, message);

    public IResult ToResult() => TypedResults.Json(new ProtocolError(Message), statusCode: StatusCode);
}
