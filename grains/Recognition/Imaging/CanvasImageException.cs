namespace MathCluster.Recognition.Imaging;

public enum CanvasImageProblem
{
    /// <summary>No bytes at all.</summary>
    Empty,
    /// <summary>Not a PNG, or a PNG that does not decode (corrupt, truncated, zero-sized).</summary>
    Unreadable,
    /// <summary>More bytes or pixels than allowed.</summary>
    TooLarge,
}

/// <summary>A canvas upload that cannot be read; <see cref="Problem"/> says which kind of failure for the HTTP status.</summary>
public sealed class CanvasImageException(CanvasImageProblem problem, string message) : Exception(message)
{
    public CanvasImageProblem Problem { get; } = problem;
}
