using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MathCluster.Trainer.Model;

/// <summary>One 3x3 convolution (batch-normed, ReLU) and whether a 2x2 max-pool follows it.</summary>
public readonly record struct ConvLayer(int Channels, bool PoolAfter);

/// <summary>
/// A small CNN sized to train in minutes and serve tens of thousands of glyphs a second on two CPU cores:
/// stacks of 3x3 conv-BN-ReLU with max-pooling (28→14→7→3) and a small two-layer classifier head.
/// Depth comes from the cheap 14x14 and 7x7 stages; the dense head stays small.
/// The layers are public so the ONNX writer can read their weights.
/// </summary>
public sealed class GlyphNet : nn.Module<Tensor, Tensor>
{
    public static readonly IReadOnlyList<ConvLayer> DefaultLayers =
        [new(16, true), new(32, false), new(32, true), new(64, false), new(64, true)];
    public const int DefaultHiddenUnits = 128;
    public const double Dropout = 0.25;

    private readonly ModuleList<Conv2d> _convs = new();
    private readonly ModuleList<BatchNorm2d> _norms = new();
    private readonly IReadOnlyList<ConvLayer> _layers;
    public readonly Linear hidden, classifier;
    private readonly Dropout dropout;

    public GlyphNet(int classes, IReadOnlyList<ConvLayer>? layers = null, int hiddenUnits = DefaultHiddenUnits) : base(nameof(GlyphNet))
    {
        _layers = layers ?? DefaultLayers;
        int channels = 1, side = 28;
        foreach (var layer in _layers)
        {
            _convs.Add(nn.Conv2d(channels, layer.Channels, 3, padding: 1, bias: false));
            _norms.Add(nn.BatchNorm2d(layer.Channels));
            channels = layer.Channels;
            if (layer.PoolAfter) side /= 2;
        }
        hidden = nn.Linear(channels * side * side, hiddenUnits);
        dropout = nn.Dropout(Dropout);
        classifier = nn.Linear(hiddenUnits, classes);
        Architecture = string.Join(", ", _layers.Select(l => $"conv3x3({l.Channels})-bn-relu" + (l.PoolAfter ? "-pool" : "")))
            + $", fc({channels * side * side}→{hiddenUnits})-relu-dropout({Dropout}), fc({hiddenUnits}→{classes})";
        RegisterComponents();
    }

    public string Architecture { get; }

    /// <summary>
    /// The default network with every layer's channels and the hidden units scaled by <paramref name="width"/>, channels
    /// rounded to multiples of 16: layers of 20, 24 or 40 channels turned the weights into NaN within a hundred batches
    /// on this CPU build of TorchSharp (widths 1.25 and 1.5), while 16, 32, 64 and 128 train.
    /// </summary>
    public static GlyphNet Widened(int classes, double width) =>
        new(classes, DefaultLayers.Select(l => l with { Channels = Math.Max(16, (int)Math.Round(l.Channels * width / 16) * 16) }).ToList(),
            (int)Math.Round(DefaultHiddenUnits * width));

    public IEnumerable<(Conv2d Conv, BatchNorm2d Norm, bool PoolAfter)> ConvLayers =>
        _layers.Select((l, i) => (_convs[i], _norms[i], l.PoolAfter));

    /// <summary>Batch norms use their running statistics and keep them, even in training mode.</summary>
    public void FreezeBatchNorm()
    {
        foreach (var norm in _norms) norm.eval();
    }

    /// <summary>Logits [N, classes]; the exported ONNX model adds the softmax.</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        foreach (var (conv, norm, pool) in ConvLayers)
        {
            x = nn.functional.relu(norm.call(conv.call(x)));
            if (pool) x = nn.functional.max_pool2d(x, 2);
        }
        x = x.flatten(1);
        x = dropout.call(nn.functional.relu(hidden.call(x)));
        return classifier.call(x).MoveToOuterDisposeScope();
    }
}
