using System.Net.Sockets;
using Orleans.Runtime.Messaging;

namespace MathCluster.Web.Hosting;

/// <summary>
/// Which failed grain calls are worth repeating on another silo: the ones a dying, stopping or overloaded silo
/// causes (rejected or unroutable messages, broken connections, a response that never came). A grain's own
/// exceptions and a caller's cancellation are final.
/// </summary>
public static class TransientClusterErrors
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        OperationCanceledException => false,
        GatewayLostException => true,
        // Includes SiloUnavailableException: the target silo died or left while the call was queued or running.
        OrleansMessageRejectionException => true,
        ConnectionFailedException => true,
        GatewayTooBusyException => true,
        SocketException or IOException => true,
        // Orleans' response timeout: the silo holding the call stopped answering.
        TimeoutException => true,
        _ => false,
    };
}
