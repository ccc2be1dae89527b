using MathCluster.Recognition;

namespace MathCluster.Grains.Recognizers;

/// <summary>
/// A process warming itself up before it turns ready marks its grain calls with <see cref="RequestContextKey"/>; their
/// recognition work runs as any other but records no span and no metric, so dashboards count users' work only.
/// Only cluster members and clients can set request context, so callers from outside cannot hide their work.
/// </summary>
public sealed class UnobservedCallFilter : IIncomingGrainCallFilter
{
    public const string RequestContextKey = "mathcluster.unobserved";

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (RequestContext.Get(RequestContextKey) is not true)
        {
            await context.Invoke();
            return;
        }
        using (RecognitionTelemetry.Unobserved())
            await context.Invoke();
    }
}
