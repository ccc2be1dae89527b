using TorchSharp;
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

    // TorchSharp frees a Scalar converted implicitly from a number in its finalizer, which can run while the native call
    // that took its handle still reads it (seen once in CI: a "toLong" check failing inside mul); the constants of the
    // per-batch arithmetic therefore live as long as the class.
    private static readonly Scalar Zero = 0, One = 1, Two = 2, Half = 0.5, Elastic = 0.6, ElasticShare = 0.33,
        HairlineCut = 0.55, HairlineGain = 3, BlurGain = 1.6, Thin = 0.12, Dilate = 0.22, Erode = 0.34, Hairline = 0.48, Blur = 0.56,
        AngleRange = 6 * Math.PI / 180, ScaleRange = 0.10, ShearRange = 0.1, ShiftRange = 2.0 / 14;

    public Tensor Apply(Tensor batch)
    {
        using var scope = NewDisposeScope();
        long n = batch.shape[0];
        var angle = Uniform(n, AngleRange);
        var scaleX = Uniform(n, ScaleRange).add(One);
        var scaleY = Uniform(n, ScaleRange).add(One);
        var shear = Uniform(n, ShearRange);
        var shiftX = Uniform(n, ShiftRange);
        var shiftY = Uniform(n, ShiftRange);
        var cos = angle.cos();
        var sin = angle.sin();
        // Sampling matrix (output → input coordinates) = rotation · shear · inverse scale.
        var theta = stack([
            stack([cos / scaleX, (cos * shear - sin) / scaleY, shiftX], 1),
            stack([sin / scaleX, (sin * shear + cos) / scaleY, shiftY], 1),
        ], 1);
        var grid = nn.functional.affine_grid(theta, [n, 1, 28, 28], align_corners: false);

        var noise = rand([n, 2, 28, 28], generator: generator).mul(Two).sub(One);
        for (int i = 0; i < 3; i++) noise = nn.functional.avg_pool2d(noise, 7, stride: 1, padding: 3, count_include_pad: false);
        var elastic = rand([n, 1, 1, 1], generator: generator).lt(ElasticShare).to_type(ScalarType.Float32);
        grid = grid + (noise.mul(Elastic) * elastic).permute(0, 2, 3, 1);

        var warped = nn.functional.grid_sample(batch, grid, mode: GridSampleMode.Bilinear, padding_mode: GridSamplePaddingMode.Zeros, align_corners: false);

        // Stroke width: pens, brushes and scans differ more in width than in shape, and each source has its own width
        // (MNIST's digits are thick, CROHME's pen strokes thin); without this a thin straight 1 reads as a bracket.
        var pick = rand([n, 1, 1, 1], generator: generator);
        var dilated = nn.functional.max_pool2d(warped, 3, stride: 1, padding: 1);
        var eroded = -nn.functional.max_pool2d(-warped, 3, stride: 1, padding: 1);
        var hairline = warped.sub(HairlineCut).mul(HairlineGain).clamp(Zero, One);
        var blurred = nn.functional.avg_pool2d(warped, 3, stride: 1, padding: 1, count_include_pad: false).mul(BlurGain);
        var result = where(pick.lt(Thin), (warped + dilated).mul(Half),
                     where(pick.lt(Dilate), dilated,
                     where(pick.lt(Erode), (warped + eroded).mul(Half),
                     where(pick.lt(Hairline), hairline,
                     where(pick.lt(Blur), blurred, warped))))).clamp(Zero, One);
        return result.MoveToOuterDisposeScope();
    }

    private Tensor Uniform(long n, Scalar range) => rand([n], generator: generator).mul(Two).sub(One).mul(range);
}
