using MathCluster.Grains;
using MathCluster.Web.Hosting;

namespace MathCluster.Web.InferenceProtocol;

/// <summary>
/// The /v2 routes' way into the cluster: resolves the model a route names (404 for any name but the recognizer or
/// any version but the active one) and turns a cluster that does not answer into 503, never 500.
/// </summary>
public static class ServedModel
{
    /// <summary>The active model version, if <paramref name="name"/> (and <paramref name="version"/>, when given) name it.</summary>
    public static async Task<ModelVersionInfo> ResolveAsync(RecognizerClient recognizer, string name, string? version, CancellationToken cancellationToken)
    {
        RequireServed(name);
        var active = await ActiveAsync(recognizer, InferenceLimits.ClusterTimeout, cancellationToken);
        if (version is not null && !string.Equals(version, active.Version, StringComparison.Ordinal))
            throw InferenceProtocolException.NotFound($"Model '{name}' has no version '{version}'; the active version is '{active.Version}'.");
        return active;
    }

    /// <summary>Fails with 404 unless <paramref name="name"/> is the served model (no cluster call needed).</summary>
    public static void RequireServed(string name)
    {
        if (!RecognizerModel.IsServed(name))
            throw InferenceProtocolException.NotFound($"Unknown model '{name}'; this server serves '{RecognizerModel.Name}'.");
    }

    /// <summary>The cluster's active model version, or 503 when the cluster does not answer within <paramref name="timeout"/>.</summary>
    public static async Task<ModelVersionInfo> ActiveAsync(RecognizerClient recognizer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await recognizer.ActiveModelAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw InferenceProtocolException.Unavailable($"The recognizer cluster did not answer: {e.Message}");
        }
    }

    /// <summary>Classifies normalised glyphs; a cluster that fails to answer is a 503, not a 500.</summary>
    public static async Task<GlyphBatchResult> ClassifyAsync(RecognizerClient recognizer, float[] pixels, int count, CancellationToken cancellationToken)
    {
        try
        {
            return await recognizer.ClassifyAsync(pixels, count, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw InferenceProtocolException.Unavailable($"The recognizer cluster did not classify the batch: {e.Message}");
        }
    }
}
