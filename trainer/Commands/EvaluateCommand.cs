using System.Text.Json;
using MathCluster.Recognition.Classification;
using MathCluster.Trainer.Data;
using MathCluster.Trainer.Model;
using Spectre.Console;

namespace MathCluster.Trainer.Commands;

/// <summary>evaluate: runs a model through ONNX Runtime on the MNIST test set and the symbol sources' held-out splits, as scanned and redrawn as the page draws them.</summary>
public static class EvaluateCommand
{
    public static int Run(string modelPath, string? dataDirectory, bool json)
    {
        var data = HandwritingSources.Locate(dataDirectory);
        if (data is null)
        {
            Console.Error.WriteLine($"No training data in {dataDirectory ?? "../shared/data"} (expected mnist/, math-symbols/ and bhmsds/).");
            return 2;
        }
        if (!File.Exists(modelPath) || !File.Exists(ModelCard.CardPathFor(modelPath)))
        {
            Console.Error.WriteLine($"Model {modelPath} or its card {ModelCard.CardPathFor(modelPath)} not found.");
            return 2;
        }
        var metrics = Evaluate(modelPath, data, out var version);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                modelVersion = version,
                metrics.MnistTestAccuracy,
                metrics.MnistDigitAccuracy,
                metrics.SymbolsTestAccuracy,
                metrics.SymbolsTestAccuracyWithoutSlash,
                metrics.BhmsdsDigitAccuracy,
                metrics.MnistTestCount,
                metrics.SymbolsTestCount,
                metrics.BhmsdsDigitCount,
                metrics.PerClass,
                metrics.PerClassCount,
                metrics.Top2Accuracy,
                metrics.PenTestAccuracy,
                metrics.PenTestCount,
                metrics.PenTestPerClass,
            }, ModelCard.Json));
        }
        else
        {
            AnsiConsole.MarkupLineInterpolated($"Model {version}");
            PrintTable(metrics);
        }
        return 0;
    }

    public static ModelMetrics Evaluate(string modelPath, string dataDirectory, out string version)
    {
        using var classifier = OnnxGlyphClassifier.Load(modelPath, Environment.ProcessorCount);
        var sources = HandwritingSources.Load(dataDirectory, includeTraining: false);
        version = classifier.Version;
        return ModelEvaluator.Evaluate(classifier, sources);
    }

    public static void PrintTable(ModelMetrics metrics)
    {
        var table = new Table().AddColumns("class", "accuracy", "top-2", "glyphs");
        foreach (var (label, accuracy) in metrics.PerClass)
            table.AddRow(Markup.Escape(label), $"{accuracy:P2}", $"{metrics.Top2Accuracy.GetValueOrDefault(label):P2}", $"{metrics.PerClassCount.GetValueOrDefault(label)}");
        table.AddRow("[bold]MNIST test, all classes[/]", $"[bold]{metrics.MnistTestAccuracy:P2}[/]", "", $"{metrics.MnistTestCount}");
        table.AddRow("[bold]MNIST test, as digits[/]", $"[bold]{metrics.MnistDigitAccuracy:P2}[/]", "", $"{metrics.MnistTestCount}");
        table.AddRow("[bold]symbols held-out[/]", $"[bold]{metrics.SymbolsTestAccuracy:P2}[/]", "", $"{metrics.SymbolsTestCount}");
        table.AddRow("[bold]symbols held-out without /[/]", $"[bold]{metrics.SymbolsTestAccuracyWithoutSlash:P2}[/]", "", "");
        table.AddRow("[bold]BHMSDS held-out digits[/]", $"[bold]{metrics.BhmsdsDigitAccuracy:P2}[/]", "", $"{metrics.BhmsdsDigitCount}");
        if (metrics.PenTestAccuracy is { } pen)
        {
            string perClass = string.Join(" ", metrics.PenTestPerClass!.Select(c => $"{c.Key} {c.Value:P1}"));
            table.AddRow("[bold]held-out redrawn with one page pen[/]", $"[bold]{pen:P2}[/]", "", $"{metrics.PenTestCount}");
            table.AddRow("  per class", Markup.Escape(perClass), "", "");
        }
        AnsiConsole.Write(table);
    }
}
