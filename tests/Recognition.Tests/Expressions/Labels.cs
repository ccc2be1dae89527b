namespace MathCluster.Recognition.Tests.Expressions;

/// <summary>Writes label lists the way they read: each character of "12+7×(3-1)" is one recognised symbol.</summary>
internal static class Labels
{
    public static IReadOnlyList<string> From(string symbols) => symbols.Select(symbol => symbol.ToString()).ToArray();
}
