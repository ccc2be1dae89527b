namespace MathCluster.Grains;

/// <summary>
/// Stateless recognizer: any number of activations per silo, all sharing that silo's ONNX session for the active model.
/// Call it with key 0; Orleans spreads the calls over activations and silos.
/// </summary>
[Alias("MathCluster.IRecognizerGrain")]
public interface IRecognizerGrain : IGrainWithIntegerKey
{
    /// <summary>Classifies glyphs that are already normalised (count x 784 floats, ink 1.0 on 0.0).</summary>
    [Alias("ClassifyGlyphs")]
    Task<GlyphBatchResult> ClassifyGlyphs(GlyphBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Recognises a whole canvas PNG: symbols, expression and exact value.</summary>
    [Alias("RecognizeCanvas")]
    Task<CanvasResult> RecognizeCanvas(CanvasRequest request, CancellationToken cancellationToken = default);

    /// <summary>Recognises a canvas sent as pen strokes, drawn straight into ink: symbols, expression and exact value.</summary>
    Task<CanvasResult> RecognizeStrokes(StrokeCanvasRequest request, CancellationToken cancellationToken = default);

    /// <summary>Which silo, activation and session served this call (for operators and tests).</summary>
    [Alias("GetDiagnostics")]
    Task<RecognizerDiagnostics> GetDiagnostics();
}
