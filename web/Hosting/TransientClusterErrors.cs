using System.Net.Sockets;
using Orleans.Runtime.Messaging;

namespace MathCluster.Web.Hosting;

/// <summary>
/// Which failed grain calls are the cluster's temporary state (answered 503 with Retry-After, never 500), and which
/// of those are worth repeating on another silo at once: the ones a dying or stopping silo causes (rejected or
/// unroutable messages, broken connections, a lost gateway). A timeout or a "too busy" means the cluster is
/// overloaded: repeating it only adds load, so it is not retried. A grain's own exceptions and a caller's
/// cancellation are final.
/// </summary>
public static class TransientClusterErrors
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        OperationCanceledException => false,
        GatewayTooBusyException or TimeoutException => true,
        _ => IsRetryable(exception),
    };

    public static bool IsRetryable(Exception exception) => exception switch
    {
        OperationCanceledException => false,
        // The client's own broken upload (an IOException too): answered with its 4xx by BadRequestBodyHandler.
        BadHttpRequestException => false,
        GatewayTooBusyException => false,
        GatewayLostException => true,
        // Includes SiloUnavailableException: the target silo died or left while the call was queued or running.
        OrleansMessageRejectionException => true,
        ConnectionFailedException => true,
        SocketException or IOException => true,
        _ => false,
    };
}
