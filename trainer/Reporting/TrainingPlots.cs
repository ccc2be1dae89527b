using MathCluster.Trainer.Model;
using MathCluster.Recognition.Classification;
using ScottPlot;

namespace MathCluster.Trainer.Reporting;

/// <summary>PNG plots written beside a trained model: learning curves and the confusion matrix.</summary>
public static class TrainingPlots
{
    public static void LearningCurves(IReadOnlyList<EpochResult> history, string path)
    {
        var plot = new Plot();
        double[] epochs = history.Select(h => (double)h.Epoch).ToArray();
        var loss = plot.Add.Scatter(epochs, history.Select(h => h.TrainLoss).ToArray());
        loss.LegendText = "train loss (left)";
        var trainAccuracy = plot.Add.Scatter(epochs, history.Select(h => h.TrainAccuracy * 100).ToArray());
        trainAccuracy.LegendText = "train accuracy % (augmented, right)";
        trainAccuracy.Axes.YAxis = plot.Axes.Right;
        var mnist = plot.Add.Scatter(epochs, history.Select(h => h.MnistTestAccuracy * 100).ToArray());
        mnist.LegendText = "MNIST test accuracy % (right)";
        mnist.Axes.YAxis = plot.Axes.Right;
        var symbols = plot.Add.Scatter(epochs, history.Select(h => h.SymbolsTestAccuracy * 100).ToArray());
        symbols.LegendText = "symbols held-out accuracy % (right)";
        symbols.Axes.YAxis = plot.Axes.Right;
        plot.Title("Training");
        plot.XLabel("epoch");
        // Whole epochs only: the automatic ticks would put half epochs between them.
        plot.Axes.Bottom.SetTicks(epochs, epochs.Select(e => e.ToString("0")).ToArray());
        plot.YLabel("loss");
        plot.Axes.Right.Label.Text = "accuracy %";
        plot.ShowLegend(Alignment.MiddleRight);
        plot.SavePng(path, 1000, 560);
    }

    public static void ConfusionMatrix(ModelMetrics metrics, IReadOnlyList<string> classes, string path)
    {
        var matrix = metrics.ConfusionMatrix;
        int n = classes.Count;
        var cells = new double[n, n];
        for (int t = 0; t < n; t++)
        for (int p = 0; p < n; p++)
            cells[t, p] = Math.Log10(1 + matrix[t][p]);
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        for (int t = 0; t < n; t++)
        for (int p = 0; p < n; p++)
        {
            if (matrix[t][p] == 0) continue;
            var text = plot.Add.Text(matrix[t][p].ToString(), p, t);
            text.LabelFontSize = 9;
            text.LabelFontColor = t == p ? Colors.Black : Colors.White;
            text.LabelAlignment = Alignment.MiddleCenter;
        }
        double[] positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        string[] labels = classes.ToArray();
        plot.Axes.Bottom.SetTicks(positions, labels);
        plot.Axes.Left.SetTicks(positions, labels);
        plot.Axes.InvertY();
        plot.Title($"MNIST {metrics.MnistTestAccuracy:P2} (as digits {metrics.MnistDigitAccuracy:P2}), BHMSDS digits {metrics.BhmsdsDigitAccuracy:P2}\n"
            + $"symbols held-out {metrics.SymbolsTestAccuracy:P2} (without / {metrics.SymbolsTestAccuracyWithoutSlash:P2})\n"
            + "Confusion matrix (rows: true class, columns: predicted; colour: log count)");
        plot.XLabel("predicted");
        plot.YLabel("true");
        plot.SavePng(path, 900, 860);
    }
}
