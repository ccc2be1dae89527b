using System.Globalization;
using System.Text;

namespace MathCluster.Cluster.Tests.Support;

/// <summary>Counts and latency percentiles over a load run's outcomes, overall and within a time window.</summary>
public sealed class LoadSummary(IReadOnlyList<RequestOutcome> outcomes)
{
    public int Requests => outcomes.Count;
    public int Items => outcomes.Sum(o => o.Items);
    public int FailedItems => outcomes.Sum(o => o.Failed);
    public int WrongItems => outcomes.Sum(o => o.Wrong);
    public int FailedRequests => outcomes.Count(o => !o.Ok);

    public IEnumerable<string> Errors => outcomes.Where(o => o.Error is not null).Select(o => $"{o.Route} at {o.Started:HH:mm:ss.fff}: {o.Error}");

    /// <summary>The requests in flight at any moment between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public LoadSummary During(DateTime from, DateTime to) => new(outcomes.Where(o => o.Started <= to && o.Ended >= from).ToList());

    public LoadSummary Route(string route) => new(outcomes.Where(o => o.Route == route).ToList());

    public double Percentile(double q)
    {
        if (outcomes.Count == 0) return double.NaN;
        var sorted = outcomes.Select(o => o.Latency.TotalMilliseconds).Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public string Describe(string title)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"{title}: {Requests} requests ({Items} items), {FailedRequests} failed requests, {FailedItems} failed items, {WrongItems} wrong items; " +
                           $"latency p50 {Percentile(0.5):F0} ms, p99 {Percentile(0.99):F0} ms, max {Percentile(1):F0} ms");
        foreach (var route in outcomes.Select(o => o.Route).Distinct().Order())
        {
            var part = Route(route);
            text.AppendLine(c, $"  {route}: {part.Requests} requests ({part.Items} items), p99 {part.Percentile(0.99):F0} ms, max {part.Percentile(1):F0} ms");
        }
        return text.ToString();
    }
}
