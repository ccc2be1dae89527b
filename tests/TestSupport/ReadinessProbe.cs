using System.Net;

namespace MathCluster.TestSupport;

/// <summary>Polls a started app's /readyz until it answers 200, the app exits, or the time is up.</summary>
public static class ReadinessProbe
{
    /// <summary>True once /readyz answered 200; false if <paramref name="timeout"/> passed first.</summary>
    /// <param name="exited">The reason to give up, once the app's process has exited; null while it runs.</param>
    /// <exception cref="InvalidOperationException">The app exited before it was ready.</exception>
    public static async Task<bool> WaitAsync(Uri address, Func<string?> exited, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        return await Eventually.TrueAsync(async () =>
        {
            if (exited() is { } reason) throw new InvalidOperationException(reason);
            try
            {
                using var response = await http.GetAsync("/readyz");
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false; // not listening yet
            }
        }, timeout);
    }
}
