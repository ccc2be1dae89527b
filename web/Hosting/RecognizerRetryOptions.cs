namespace MathCluster.Web.Hosting;

/// <summary>
/// How often and how patiently a grain call that a silo failure broke is repeated (Cluster:Retry). The defaults
/// wait up to about 6 s in all, longer than the cluster takes to declare a killed silo dead.
/// </summary>
public sealed class RecognizerRetryOptions
{
    public const string Section = "Cluster:Retry";

    public int MaxRetries { get; set; } = 6;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(2);
}
