using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Polly;
using MathCluster.Hosting.Options;
using Polly.Retry;

namespace MathCluster.Web.Hosting;

/// <summary>
/// The Polly pipeline every recognizer call goes through: a call that a silo failure broke is repeated, after a short
/// exponential backoff with jitter, a bounded number of times. Classification is idempotent, so a repeat is safe.
/// Timeouts and "too busy" are never repeated, and a <see cref="RetryBudget"/> bounds retries to a share of calls.
/// Each retry is logged and counted (recognizer_client_retries_total).
/// </summary>
public sealed class RecognizerRetryPipeline
{
    public const string MeterName = "MathCluster.Web";

    public RecognizerRetryPipeline(IOptions<ClusterRetryOptions> options, ILogger<RecognizerRetryPipeline> logger, IMeterFactory meters, TimeProvider? time = null)
    {
        var retries = meters.Create(MeterName).CreateCounter<long>("recognizer.client.retries", "{retry}",
            "Recognizer grain calls repeated after a silo failure, by the exception that broke them");
        var settings = options.Value;
        Budget = new RetryBudget(settings, time ?? TimeProvider.System);
        Pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    !args.Context.CancellationToken.IsCancellationRequested && args.Outcome.Exception is { } e && TransientClusterErrors.IsRetryable(e)
                    && Budget.TryWithdraw()),
                MaxRetryAttempts = settings.MaxRetries,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    var error = args.Outcome.Exception!;
                    retries.Add(1, new KeyValuePair<string, object?>("exception", error.GetType().Name));
                    logger.LogWarning("Recognizer call failed ({Exception}: {Message}); retry {Attempt} of {MaxRetries} on another silo in {Delay} ms",
                        error.GetType().Name, error.Message, args.AttemptNumber + 1, settings.MaxRetries, (int)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public ResiliencePipeline Pipeline { get; }

    /// <summary>Every call made through <see cref="Pipeline"/> records itself here, which is what retries are a share of.</summary>
    public RetryBudget Budget { get; }
}
