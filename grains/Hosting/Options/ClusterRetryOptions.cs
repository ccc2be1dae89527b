using System.ComponentModel.DataAnnotations;

namespace MathCluster.Hosting.Options;

/// <summary>
/// How often and how patiently the web app repeats a grain call that a silo failure broke (section "Cluster:Retry").
/// The defaults wait up to about 6 s in all, longer than the cluster takes to declare a killed silo dead. The budget
/// keeps retries a small share of calls, so an overloaded cluster is not hit again by its own callers.
/// </summary>
public sealed class ClusterRetryOptions
{
    public const string Section = "Cluster:Retry";

    [Range(0, 20)] public int MaxRetries { get; set; } = 6;
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")] public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")] public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries allowed per call made (averaged over <see cref="BudgetWindow"/>), beyond <see cref="BudgetMinimum"/>.</summary>
    [Range(0.0, 10.0)] public double BudgetRatio { get; set; } = 0.2;

    /// <summary>Retries always allowed per window, so a quiet cluster that loses a silo still repeats every broken call.</summary>
    [Range(0, 100000)] public int BudgetMinimum { get; set; } = 200;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan BudgetWindow { get; set; } = TimeSpan.FromSeconds(10);
}
