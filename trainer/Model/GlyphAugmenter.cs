using static TorchSharp.torch;

namespace MathCluster.Trainer.Model;

/// <summary>
/// Random distortions of normalised glyph batches, so the model sees handwriting styles beyond its data:
/// small rotations, anisotropic scale, shear and shift; elastic distortion; thicker and thinner strokes.
/// Rotation, shear and elastic bending stay small: more would turn a 1 into a / or a (, and × into +.
/// </summary>
public sealed class GlyphAugmenter(Generator generator)
{
    public const string Description = "rotation ±6°, scale ±10% per axis, shear ±0.1, shift ±2px, mild elastic (a third of the batch), stroke width: half-dilated 12%, dilated 10%, half-eroded 12%, thinned to a hairline 14%, blurred 8%";

    public Tensor Apply(Tensor batch)
    {
        using var scope = NewDisposeScope();
        long n = batch.shape[0];
        var angle = Uniform(n, 6 * Math.PI / 180);
        var scaleX = 1 + Uniform(n, 0.10);
        var scaleY = 1 + Uniform(n, 0.10);
        var shear = Uniform(n, 0.1);
        var shiftX = Uniform(n, 2.0 / 14);
        var shiftY = Uniform(n, 2.0 / 14);
        var cos = angle.cos();
        var sin = angle.sin();
        // Sampling matrix (output → input coordinates) = rotation · shear · inverse scale.
        var theta = stack([
            stack([cos / scaleX, (cos * shear - sin) / scaleY, shiftX], 1),
            stack([sin / scaleX, (sin * shear + cos) / scaleY, shiftY], 1),
        ], 1);
        var grid = nn.functional.affine_grid(theta, [n, 1, 28, 28], align_corners: false);

        var noise = rand([n, 2, 28, 28], generator: generator) * 2 - 1;
        for (int i = 0; i < 3; i++) noise = nn.functional.avg_pool2d(noise, 7, stride: 1, padding: 3, count_include_pad: false);
        var elastic = (rand([n, 1, 1, 1], generator: generator) < 0.33).to_type(ScalarType.Float32);
        grid = grid + (noise * 0.6 * elastic).permute(0, 2, 3, 1);

        var warped = nn.functional.grid_sample(batch, grid, mode: GridSampleMode.Bilinear, padding_mode: GridSamplePaddingMode.Zeros, align_corners: false);

        // Stroke width: pens, brushes and scans differ more in width than in shape, and each source has its own width
        // (MNIST's digits are thick, CROHME's pen strokes thin); without this a thin straight 1 reads as a bracket.
        var pick = rand([n, 1, 1, 1], generator: generator);
        var dilated = nn.functional.max_pool2d(warped, 3, stride: 1, padding: 1);
        var eroded = -nn.functional.max_pool2d(-warped, 3, stride: 1, padding: 1);
        var hairline = ((warped - 0.55) * 3).clamp(0, 1);
        var blurred = nn.functional.avg_pool2d(warped, 3, stride: 1, padding: 1, count_include_pad: false) * 1.6;
        var result = where(pick < 0.12, (warped + dilated) * 0.5,
                     where(pick < 0.22, dilated,
                     where(pick < 0.34, (warped + eroded) * 0.5,
                     where(pick < 0.48, hairline,
                     where(pick < 0.56, blurred, warped))))).clamp(0, 1);
        return result.MoveToOuterDisposeScope();
    }

    private Tensor Uniform(long n, double range) => (rand([n], generator: generator) * 2 - 1) * range;
}
