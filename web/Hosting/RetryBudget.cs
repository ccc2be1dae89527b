using MathCluster.Hosting.Options;

namespace MathCluster.Web.Hosting;

/// <summary>
/// Caps retries at a share of the calls made in the current window (plus a floor), as gRPC's and Finagle's retry
/// budgets do: a silo dying under light load still gets every broken call repeated, but a cluster failing under
/// heavy load is not sent several times its load by its own callers.
/// </summary>
public sealed class RetryBudget(ClusterRetryOptions options, TimeProvider time)
{
    private readonly object _gate = new();
    private long _windowStart = time.GetTimestamp();
    private long _calls;
    private long _retries;

    public void RecordCall()
    {
        lock (_gate)
        {
            Roll();
            _calls++;
        }
    }

    /// <summary>Takes one retry from the budget, or says there is none left in this window.</summary>
    public bool TryWithdraw()
    {
        lock (_gate)
        {
            Roll();
            if (_retries >= options.BudgetMinimum + (long)(options.BudgetRatio * _calls)) return false;
            _retries++;
            return true;
        }
    }

    private void Roll()
    {
        if (time.GetElapsedTime(_windowStart) < options.BudgetWindow) return;
        _windowStart = time.GetTimestamp();
        _calls = 0;
        _retries = 0;
    }
}
