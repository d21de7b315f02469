using System.CommandLine;
using System.Globalization;
using System.Text;
using OptSuite.Data;
using OptSuite.Data.IO;
using OptSuite.Models;

namespace OptSuite.Cli.Commands;

/// <summary>
/// <c>optsuite predict --model model.json --data FILE [--output FILE]</c>: one prediction per line, in input order
/// (class labels as fitted for classifiers, the predicted value or mean for regressors).
/// </summary>
internal static class PredictCommand
{
    private static readonly Option<string> ModelFile = new("--model", "-m") { Description = "A model saved by 'optsuite fit --output'.", Required = true };
    private static readonly Option<string> Data = new("--data", "-d") { Description = "svmlight/LIBSVM data (labels are read but not used).", Required = true };
    private static readonly Option<string?> OutputFile = new("--output", "-o") { Description = "Write the predictions to this file instead of stdout." };

    public static Command Create()
    {
        var cmd = new Command("predict", "Predict with a saved model: one line per input row, in order.");
        cmd.Options.Add(ModelFile);
        cmd.Options.Add(Data);
        cmd.Options.Add(OutputFile);
        cmd.SetAction(parse => CommandRunner.Run(parse, () => Execute(parse)));
        return cmd;
    }

    private static int Execute(ParseResult parse)
    {
        string modelPath = parse.GetValue(ModelFile)!, dataPath = CliFiles.ResolveData(parse.GetValue(Data)!);
        string? output = parse.GetValue(OutputFile);
        CliFiles.RequireInput("--model", modelPath, "Model");
        CliFiles.RequireInput("--data", dataPath);
        if (output is not null) CliFiles.CheckOutputs([new("--output", output)], [new("--model", modelPath), new("--data", dataPath)]);
        LinearEstimator model;
        try { model = LinearEstimator.Load(modelPath); }
        catch (InvalidDataException e) { throw new UsageException(e.Message); }
        // The training file's numbering and feature count: a file that contradicts them is an error, never shifted.
        var options = model.ReaderOptions;
        if (model.FeatureIndexBase == SvmlightIndexBase.Auto)
            Console.Error.WriteLine($"note: {modelPath} does not record the index base of its training data (saved by an older OptSuite, or by a program that did not set it); " +
                $"the index base of {dataPath} is detected from the file.");
        string[] lines = model is MultiTaskLasso multi
            ? Rows(multi.Predict(SvmlightReader.ReadMultiLabel(dataPath, options).Features))   // k predictions per line
            : Single(model, CliFiles.ReadSvmlight("--data", dataPath, options));
        var text = new StringBuilder(lines.Length * 8);
        foreach (string line in lines) text.Append(line).Append('\n');
        if (output is not null) AtomicFile.WriteAllText(output, text.ToString());
        else Console.Out.Write(text.ToString());
        return ExitCodes.Success;
    }

    private static string[] Rows(double[,] y)
    {
        var lines = new string[y.GetLength(0)];
        var parts = new string[y.GetLength(1)];
        for (int i = 0; i < lines.Length; i++)
        {
            for (int t = 0; t < parts.Length; t++) parts[t] = y[i, t].ToString("R", CultureInfo.InvariantCulture);
            lines[i] = string.Join(' ', parts);
        }
        return lines;
    }

    private static string[] Single(LinearEstimator model, SvmlightDataset data) => model switch
    {
        LinearClassifier c => c.PredictText(data.Features),
        LinearRegressor r => r.Predict(data.Features).Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray(),
        _ => throw new InvalidOperationException($"Cannot predict with a {model.GetType().Name}."),
    };
}
