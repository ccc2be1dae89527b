namespace MathCluster.TestSupport;

/// <summary>Polls a condition that another process or a background loop makes true (a server starting, an export, a
/// cluster converging) until a deadline; never a fixed sleep.</summary>
public static class Eventually
{
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>True as soon as <paramref name="condition"/> is; false when <paramref name="timeout"/> passed first.</summary>
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(Poll);
        }
        return await condition();
    }

    public static async Task AssertAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        if (!await TrueAsync(condition, timeout)) throw new TimeoutException($"Not true within {timeout.TotalSeconds:F0} s: {what}");
    }
}
