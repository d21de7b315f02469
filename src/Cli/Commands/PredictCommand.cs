using System.CommandLine;
using System.Globalization;
using System.Text;
using OptSuite.Data;
using OptSuite.Data.IO;
using OptSuite.LinearAlgebra;
using OptSuite.Models;

namespace OptSuite.Cli.Commands;

/// <summary>
/// <c>optsuite predict --model model.json --data FILE|DIR [--output FILE]</c>: one prediction per line, in input order
/// (class labels as fitted for classifiers, the predicted value or mean for regressors). A shard directory is predicted
/// shard by shard and its lines written as they come (to --output through a temporary file renamed at the end, so a
/// failure part-way leaves no partial file; to stdout as they are computed).
/// </summary>
internal static class PredictCommand
{
    private static readonly Option<string> ModelFile = new("--model", "-m") { Description = "A model saved by 'optsuite fit --output'.", Required = true };
    private static readonly Option<string> Data = new("--data", "-d") { Description = "svmlight/LIBSVM data or a shard directory (labels are read but not used).", Required = true };
    private static readonly Option<string?> OutputFile = new("--output", "-o") { Description = "Write the predictions to this file instead of stdout." };
    private static readonly Option<string?> Offset = OffsetFile.Create("predict");

    public static Command Create()
    {
        var cmd = new Command("predict", "Predict with a saved model: one line per input row, in order.");
        cmd.Options.Add(ModelFile);
        cmd.Options.Add(Data);
        cmd.Options.Add(OutputFile);
        cmd.Options.Add(Offset);
        cmd.SetAction(parse => CommandRunner.Run(parse, () => Execute(parse)));
        return cmd;
    }

    private static int Execute(ParseResult parse)
    {
        string modelPath = parse.GetValue(ModelFile)!, dataPath = CliFiles.ResolveData(parse.GetValue(Data)!);
        string? output = parse.GetValue(OutputFile);
        CliFiles.RequireInput("--model", modelPath, "Model");
        CliData.Require("--data", dataPath);
        if (output is not null) CliFiles.CheckOutputs([new("--output", output)], [new("--model", modelPath), .. CliData.Inputs("--data", dataPath)]);
        LinearEstimator model;
        try { model = LinearEstimator.Load(modelPath); }
        catch (InvalidDataException e) { throw new UsageException(e.Message); }
        // The training file's numbering and feature count: data that contradict them are an error, never shifted.
        // A Cox model predicts from CSV (its time and status columns, if any, are dropped) or svmlight features.
        var data = model is CoxRegression && CliData.IsCsv(dataPath) ? CliData.ReadCsvFeatures("--data", dataPath, model.FeatureCount)
            : CliData.Read("--data", dataPath, model.ReaderOptions, labelSets: model is MultiTaskLasso);
        if (model.FeatureIndexBase == SvmlightIndexBase.Auto && data.Features is not IRowBlockedMap && !CliData.IsCsv(dataPath))
            Console.Error.WriteLine($"note: {modelPath} does not record the index base of its training data (saved by an older OptSuite, or by a program that did not set it); " +
                $"the index base of {dataPath} is detected from the file.");
        double[]? offset = null;
        if (parse.GetValue(Offset) is { } offsetPath)
        {
            if (model.OffsetRefusalReason is { } why) throw new UsageException($"--offset: {why}");
            offset = OffsetFile.Read(offsetPath, data);
        }
        if (output is not null)
        {
            AtomicFile.Write(output, stream =>
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                Write(model, data, offset, writer.Write);
            });
        }
        else Write(model, data, offset, Console.Out.Write);
        return ExitCodes.Success;
    }

    /// <summary>
    /// The predictions, one line per row, written block by block as they are computed: a shard directory is never in
    /// memory beyond the shard being predicted (and the one read ahead), and the text of one block at a time.
    /// </summary>
    private static void Write(LinearEstimator model, CliData data, double[]? offset, Action<string> write)
    {
        var text = new StringBuilder();
        int first = 0;
        foreach (ILinearMap rows in data.RowBlocks())
        {
            text.Clear();
            double[]? o = offset?[first..(first + rows.Rows)];
            first += rows.Rows;
            foreach (string line in Lines(model, FeatureMatrix.From(rows), o)) text.Append(line).Append('\n');
            write(text.ToString());
        }
    }

    private static IEnumerable<string> Lines(LinearEstimator model, FeatureMatrix x, double[]? offset) => model switch
    {
        MultiTaskLasso multi => Rows(multi.Predict(x)),   // k predictions per line
        LinearClassifier c => c.PredictText(x, offset),
        LinearRegressor r => r.Predict(x, offset).Select(v => v.ToString("R", CultureInfo.InvariantCulture)),
        CoxRegression cox => cox.Predict(x).Select(v => v.ToString("R", CultureInfo.InvariantCulture)),   // the linear predictor
        _ => throw new InvalidOperationException($"Cannot predict with a {model.GetType().Name}."),
    };

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
}
