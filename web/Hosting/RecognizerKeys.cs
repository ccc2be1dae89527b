namespace MathCluster.Web.Hosting;

/// <summary>
/// The recognizer keys calls rotate over. An Orleans client pins each grain key to the gateway it first used, so a
/// fixed set of keys never reaches a silo that joins later; <see cref="Respread"/> moves the rotation to fresh keys,
/// whose first calls are assigned round-robin over the gateways the client knows now.
/// </summary>
public sealed class RecognizerKeys
{
    public const int PerGeneration = 16;

    private long _generation;
    private int _next;

    public long Generation => Interlocked.Read(ref _generation);

    public long Next() => Generation * PerGeneration + (uint)Interlocked.Increment(ref _next) % PerGeneration;

    public void Respread() => Interlocked.Increment(ref _generation);
}
