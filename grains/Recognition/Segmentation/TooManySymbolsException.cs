namespace MathCluster.Recognition.Segmentation;

/// <summary>The canvas holds more symbols than one request may classify.</summary>
public sealed class TooManySymbolsException(int found, int limit)
    : Exception($"The canvas holds at least {found} symbols; at most {limit} are recognised per image.")
{
    public int Found { get; } = found;
    public int Limit { get; } = limit;
}
