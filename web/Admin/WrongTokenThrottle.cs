using System.Threading.RateLimiting;
using MathCluster.Hosting.Options;
using Microsoft.Extensions.Options;

namespace MathCluster.Web.Admin;

/// <summary>
/// Counts wrong admin tokens per client address: past Limits:WrongTokensPerMinute a client gets 429 for any token
/// until the minute is over, so guessing is slow.
/// </summary>
public sealed class WrongTokenThrottle(IOptions<LimitsOptions> options) : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.WrongTokensPerMinute,
            Window = Window,
            QueueLimit = 0,
        }));

    public static TimeSpan RetryAfter => Window;

    /// <summary>True while the client has used up its wrong guesses.</summary>
    public bool IsBlocked(string client) => _limiter.GetStatistics(client)?.CurrentAvailablePermits == 0;

    public void RecordWrong(string client)
    {
        using var lease = _limiter.AttemptAcquire(client);
    }

    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public void Dispose() => _limiter.Dispose();
}
