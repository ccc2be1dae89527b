using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MathCluster.Trainer.Model;

/// <summary>
/// A small CNN sized to train in minutes on two CPU cores:
/// three conv-BN-ReLU-maxpool blocks (28→14→7→3) and a two-layer classifier head.
/// The layers are public so the ONNX writer can read their weights.
/// </summary>
public sealed class GlyphNet : nn.Module<Tensor, Tensor>
{
    public const string Architecture = "conv3x3(24)-bn-relu-pool, conv3x3(48)-bn-relu-pool, conv3x3(96)-bn-relu-pool, fc(864→192)-relu-dropout(0.3), fc(192→classes)";
    public const int HiddenUnits = 192;

    public readonly Conv2d conv1, conv2, conv3;
    public readonly BatchNorm2d norm1, norm2, norm3;
    public readonly Linear hidden, classifier;
    private readonly Dropout dropout;

    public GlyphNet(int classes) : base(nameof(GlyphNet))
    {
        conv1 = nn.Conv2d(1, 24, 3, padding: 1, bias: false);
        norm1 = nn.BatchNorm2d(24);
        conv2 = nn.Conv2d(24, 48, 3, padding: 1, bias: false);
        norm2 = nn.BatchNorm2d(48);
        conv3 = nn.Conv2d(48, 96, 3, padding: 1, bias: false);
        norm3 = nn.BatchNorm2d(96);
        hidden = nn.Linear(96 * 3 * 3, HiddenUnits);
        dropout = nn.Dropout(0.3);
        classifier = nn.Linear(HiddenUnits, classes);
        RegisterComponents();
    }

    public IEnumerable<(Conv2d Conv, BatchNorm2d Norm)> ConvBlocks => [(conv1, norm1), (conv2, norm2), (conv3, norm3)];

    /// <summary>Logits [N, classes]; the exported ONNX model adds the softmax.</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        foreach (var (conv, norm) in ConvBlocks)
            x = nn.functional.max_pool2d(nn.functional.relu(norm.call(conv.call(x))), 2);
        x = x.flatten(1);
        x = dropout.call(nn.functional.relu(hidden.call(x)));
        return classifier.call(x).MoveToOuterDisposeScope();
    }
}
