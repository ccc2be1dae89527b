using System.Text.Json;
using MathCluster.Recognition.Classification;
using MathCluster.Trainer.Data;
using MathCluster.Trainer.Model;
using Spectre.Console;

namespace MathCluster.Trainer.Commands;

/// <summary>evaluate: runs a model through ONNX Runtime on the MNIST test set and the symbol sources' held-out splits.</summary>
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
                metrics.SymbolsTestAccuracy,
                metrics.MnistTestCount,
                metrics.SymbolsTestCount,
                metrics.PerClass,
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
        return ModelEvaluator.Evaluate(classifier, sources.MnistTest, sources.SymbolsTest);
    }

    public static void PrintTable(ModelMetrics metrics)
    {
        var table = new Table().AddColumns("class", "accuracy");
        foreach (var (label, accuracy) in metrics.PerClass) table.AddRow(Markup.Escape(label), $"{accuracy:P2}");
        table.AddRow("[bold]MNIST test[/]", $"[bold]{metrics.MnistTestAccuracy:P2}[/] of {metrics.MnistTestCount}");
        table.AddRow("[bold]symbols held-out[/]", $"[bold]{metrics.SymbolsTestAccuracy:P2}[/] of {metrics.SymbolsTestCount}");
        AnsiConsole.Write(table);
    }
}
