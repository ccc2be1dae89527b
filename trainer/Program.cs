using System.CommandLine;
using MathCluster.Trainer.Commands;
using MathCluster.Trainer.Data;
using MathCluster.Trainer.Model;

var defaults = new TrainingOptions();
var data = new Option<string?>("--data") { Description = "Folder with mnist/, math-symbols/ and bhmsds/ (default: ../shared/data, looked for from here upwards)" };
var output = new Option<string>("--out") { Description = "Folder for the model, its card and plots", Required = true };
var epochs = new Option<int>("--epochs") { Description = "Training epochs", DefaultValueFactory = _ => defaults.Epochs };
var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same model)", DefaultValueFactory = _ => defaults.Seed };
var batch = new Option<int>("--batch-size") { Description = "Mini-batch size", DefaultValueFactory = _ => defaults.BatchSize };
var learningRate = new Option<double>("--learning-rate") { Description = "Peak learning rate of the one-cycle schedule", DefaultValueFactory = _ => defaults.LearningRate };
var perClass = new Option<int>("--samples-per-class") { Description = "Samples drawn per class each epoch", DefaultValueFactory = _ => defaults.SamplesPerClass };
var penShare = new Option<double>("--pen-share") { Description = "Share of each class's training glyphs added again redrawn with one page pen", DefaultValueFactory = _ => defaults.PenShare };
var width = new Option<double>("--width") { Description = "Channel multiplier over the default network (capacity ablations)", DefaultValueFactory = _ => defaults.Width };
var version = new Option<string?>("--version") { Description = "Model version name (default: v + UTC timestamp)" };
var limit = new Option<int?>("--limit") { Description = "Use at most this many training images per source (quick runs)" };
var model = new Option<string>("--model") { Description = "The ONNX model (its card beside it)", Required = true };
var json = new Option<bool>("--json") { Description = "Print one JSON object" };

foreach (var option in new Option[] { epochs, batch, perClass })
    option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<int>() <= 0) result.AddError($"{result.Option.Name} must be positive.");
    });

penShare.Validators.Add(result =>
{
    if (result.GetValueOrDefault<double>() is < 0 or > 1) result.AddError("--pen-share must be between 0 and 1.");
});
width.Validators.Add(result =>
{
    if (result.GetValueOrDefault<double>() is not (>= 0.25 and <= 4)) result.AddError("--width must be between 0.25 and 4.");
});

var train = new Command("train", "Train a model on the handwriting sources and write ONNX, model card and plots") { data, output, epochs, seed, batch, learningRate, perClass, penShare, width, version, limit };
train.SetAction((parse, cancellationToken) => TrainCommand.RunAsync(
    parse.GetValue(data), parse.GetValue(output)!,
    new TrainingOptions
    {
        Epochs = parse.GetValue(epochs),
        Seed = parse.GetValue(seed),
        BatchSize = parse.GetValue(batch),
        LearningRate = parse.GetValue(learningRate),
        SamplesPerClass = parse.GetValue(perClass),
        PenShare = parse.GetValue(penShare),
        Width = parse.GetValue(width),
    },
    parse.GetValue(version), parse.GetValue(limit), cancellationToken));

var evaluate = new Command("evaluate", "Evaluate a model through ONNX Runtime on the held-out test sets") { model, data, json };
evaluate.SetAction(parse => EvaluateCommand.Run(parse.GetValue(model)!, parse.GetValue(data), parse.GetValue(json)));

var plotModel = new Option<string>("--model") { Description = "The ONNX model whose card holds the confusion matrix", Required = true };
var plot = new Command("plot", "Redraw confusion-matrix.png beside a model from its card") { plotModel };
plot.SetAction(parse =>
{
    var modelPath = parse.GetValue(plotModel)!;
    var card = MathCluster.Recognition.Classification.ModelCard.Load(MathCluster.Recognition.Classification.ModelCard.CardPathFor(modelPath));
    if (card.Metrics is null)
    {
        Console.Error.WriteLine("The card has no metrics to plot.");
        return 2;
    }
    MathCluster.Trainer.Reporting.TrainingPlots.ConfusionMatrix(card.Metrics, card.Classes, Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, "confusion-matrix.png"));
    return 0;
});

var goldenOut = new Option<string>("--out") { Description = "Folder for the golden set's IDX files", Required = true };
var goldenPerClass = new Option<int>("--per-class") { Description = "Glyphs per class", DefaultValueFactory = _ => 20 };
goldenPerClass.Validators.Add(result =>
{
    if (result.GetValueOrDefault<int>() <= 0) result.AddError("--per-class must be positive.");
});
var golden = new Command("golden", "Write the validation gate's golden set: held-out glyphs of every class") { data, goldenOut, goldenPerClass };
golden.SetAction(parse => GoldenSetCommand.Run(parse.GetValue(data), parse.GetValue(goldenOut)!, parse.GetValue(goldenPerClass)));

var publishModel = new Option<string>("--model") { Description = "The ONNX model to publish (its card beside it)", Required = true };
var publishUrl = new Option<string>("--url") { Description = "The cluster's web app", DefaultValueFactory = _ => "http://127.0.0.1:5000" };
publishUrl.Validators.Add(result =>
{
    if (!Uri.TryCreate(result.GetValueOrDefault<string>(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        result.AddError("--url must be an absolute http(s) URL.");
});
var publishToken = new Option<string?>("--token") { Description = $"Admin token (default: the {PublishCommand.TokenVariable} environment variable)" };
var publishActivate = new Option<bool>("--activate") { Description = "Activate the model once it is registered" };
var publishOperator = new Option<string?>("--operator") { Description = "Your name, for the cluster's activation history" };
var publish = new Command("publish", "Upload a trained model to a running cluster (it must pass the cluster's validation gate), optionally activating it")
    { publishModel, publishUrl, publishToken, publishActivate, publishOperator };
publish.SetAction((parse, cancellationToken) => PublishCommand.RunAsync(parse.GetValue(publishModel)!, new Uri(parse.GetValue(publishUrl)!),
    parse.GetValue(publishToken), parse.GetValue(publishActivate), parse.GetValue(publishOperator), cancellationToken));

var finetuneDefaults = new FinetuneCommand.Settings();
var finetuneBase = new Option<string>("--base") { Description = $"The model to start from: a {TrainCommand.CheckpointFileName}, or a {TrainCommand.ModelFileName} this trainer wrote", Required = true };
var finetuneCorrections = new Option<string>("--corrections") { Description = "A folder with the corrections export's two IDX files, or the web app's URL to pull them from (admin token)", Required = true };
var finetuneEpochs = new Option<int>("--epochs") { Description = "Fine-tuning epochs", DefaultValueFactory = _ => finetuneDefaults.Epochs };
var replayPool = new Option<int>("--replay-pool") { Description = "Replay pool: the first N training glyphs of each source", DefaultValueFactory = _ => finetuneDefaults.ReplayPoolPerSource };
var replayPerEpoch = new Option<int>("--replay-per-epoch") { Description = "Replay samples per epoch (class-balanced)", DefaultValueFactory = _ => finetuneDefaults.ReplayPerEpoch };
var correctionsPerEpoch = new Option<int>("--corrections-per-epoch") { Description = "Correction samples per epoch (oversampled)", DefaultValueFactory = _ => finetuneDefaults.CorrectionsPerEpoch };
foreach (var option in new[] { finetuneEpochs, replayPool, replayPerEpoch, correctionsPerEpoch })
    option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<int>() <= 0) result.AddError($"{result.Option.Name} must be positive.");
    });
var finetune = new Command("finetune", "Fine-tune a model on users' corrections mixed with a replay of the training data; writes ONNX, model card and plots")
    { finetuneBase, finetuneCorrections, output, finetuneEpochs, seed, data, version, publishToken, replayPool, replayPerEpoch, correctionsPerEpoch };
finetune.SetAction((parse, cancellationToken) => FinetuneCommand.RunAsync(parse.GetValue(finetuneBase)!, parse.GetValue(finetuneCorrections)!, parse.GetValue(output)!,
    parse.GetValue(data), parse.GetValue(publishToken), parse.GetValue(version),
    finetuneDefaults with
    {
        Epochs = parse.GetValue(finetuneEpochs), Seed = parse.GetValue(seed), ReplayPoolPerSource = parse.GetValue(replayPool),
        ReplayPerEpoch = parse.GetValue(replayPerEpoch), CorrectionsPerEpoch = parse.GetValue(correctionsPerEpoch),
    }, cancellationToken));

var penCount = new Option<int>("--count") { Description = "Glyphs to write (classes in turn)", DefaultValueFactory = _ => 18_000 };
penCount.Validators.Add(result =>
{
    if (result.GetValueOrDefault<int>() <= 0) result.AddError("--count must be positive.");
});
var penGlyphs = new Command("pen-glyphs", "Write training glyphs redrawn with one page pen, in the corrections format, for finetune --corrections") { data, output, penCount, seed };
penGlyphs.SetAction(parse => PenGlyphsCommand.Run(parse.GetValue(data), parse.GetValue(output)!, parse.GetValue(penCount), parse.GetValue(seed)));

var root = new RootCommand("Trainer for the handwritten math symbol recognizer") { train, evaluate, plot, golden, publish, finetune, penGlyphs };
return await root.Parse(args).InvokeAsync();
