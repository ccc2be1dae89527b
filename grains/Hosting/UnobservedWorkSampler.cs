using MathCluster.Grains.Recognizers;
using MathCluster.Recognition;
using OpenTelemetry.Trace;

namespace MathCluster.Hosting;

/// <summary>
/// Drops every span of work a process does for itself (warm-up requests: <see cref="UnobservedCallFilter"/>,
/// <see cref="RecognitionTelemetry.Unobserved"/>) and leaves the rest to <paramref name="inner"/>. A caller's
/// unsampled trace is not enough: Orleans decides a grain call's server span before it reads the caller's trace.
/// </summary>
public sealed class UnobservedWorkSampler(Sampler inner) : Sampler
{
    private static readonly SamplingResult Dropped = new(SamplingDecision.Drop);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        !RecognitionTelemetry.Observed || RequestContext.Get(UnobservedCallFilter.RequestContextKey) is true
            ? Dropped
            : inner.ShouldSample(samplingParameters);
}
