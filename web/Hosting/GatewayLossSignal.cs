namespace MathCluster.Web.Hosting;

/// <summary>
/// Fires when the client loses a gateway connection. An Orleans client does not fail the calls it had sent through
/// a gateway that died; they would wait for the 30 s response timeout. Calls in flight watch <see cref="Token"/>
/// and are repeated elsewhere instead (classification is idempotent, so repeating one that did finish is harmless).
/// </summary>
public sealed class GatewayLossSignal : IClusterConnectionStatusObserver
{
    private CancellationTokenSource _lost = new();

    /// <summary>Cancelled at the next gateway loss after it was read.</summary>
    public CancellationToken Token => Volatile.Read(ref _lost).Token;

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (currentNumberOfGateways < previousNumberOfGateways) Fire();
    }

    public void NotifyClusterConnectionLost() => Fire();

    private void Fire()
    {
        // Not disposed: callers may still be reading the old source's token; a cancelled source holds nothing.
        Interlocked.Exchange(ref _lost, new CancellationTokenSource()).Cancel();
    }
}
