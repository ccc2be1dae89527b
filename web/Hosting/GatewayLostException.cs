namespace MathCluster.Web.Hosting;

/// <summary>A grain call was abandoned because the gateway connection it may have used closed; it is safe to repeat.</summary>
public sealed class GatewayLostException() : Exception("A gateway connection closed while the call was in flight.");
