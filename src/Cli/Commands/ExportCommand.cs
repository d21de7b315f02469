using System.CommandLine;
using OptSuite.Models;

namespace OptSuite.Cli.Commands;

/// <summary>
/// <c>optsuite export --model model.json --format onnx --output model.onnx [--precision float32|float64]</c>: a saved
/// model as an ONNX file (<see cref="LinearEstimator.ExportOnnx(string, OnnxExportOptions?)"/>: input "features" [N, p];
/// outputs "prediction", or "label", "probabilities" and "scores"), written atomically. A missing or malformed model
/// file, or an output that is the model file itself, is exit 2 before anything is written.
/// </summary>
internal static class ExportCommand
{
    private static readonly Option<string> ModelFile = new("--model", "-m") { Description = "A model saved by 'optsuite fit --output'.", Required = true };
    private static readonly Option<string> Format = new("--format") { Description = "The format to write: onnx.", DefaultValueFactory = _ => "onnx" };
    private static readonly Option<string> OutputFile = new("--output", "-o") { Description = "The file to write (replaced atomically).", Required = true };
    private static readonly Option<string> Precision = new("--precision")
    {
        Description = "The type of the input features, weights and outputs: float32 (what ML.NET and most runtimes feed) or float64 (the model as fitted).",
        DefaultValueFactory = _ => "float32",
    };

    public static Command Create()
    {
        Format.AcceptOnlyFromAmong("onnx");
        Precision.AcceptOnlyFromAmong("float32", "float64");
        var cmd = new Command("export", "Export a saved model for other runtimes: ONNX (OnnxRuntime, ML.NET, ...).");
        cmd.Options.Add(ModelFile);
        cmd.Options.Add(Format);
        cmd.Options.Add(OutputFile);
        cmd.Options.Add(Precision);
        cmd.SetAction(parse => CommandRunner.Run(parse, () => Execute(parse)));
        return cmd;
    }

    private static int Execute(ParseResult parse)
    {
        string modelPath = parse.GetValue(ModelFile)!, output = parse.GetValue(OutputFile)!;
        var options = new OnnxExportOptions
        {
            Precision = parse.GetValue(Precision) == "float64" ? OnnxPrecision.Float64 : OnnxPrecision.Float32,
        };
        CliFiles.RequireInput("--model", modelPath, "Model");
        CliFiles.CheckOutputs([new("--output", output)], [new("--model", modelPath)]);
        LinearEstimator model;
        try { model = LinearEstimator.Load(modelPath); }
        catch (InvalidDataException e) { throw new UsageException(e.Message); }
        model.ExportOnnx(output, options);
        string precision = options.Precision == OnnxPrecision.Float64 ? "float64" : "float32";
        // The outputs by model are documented once, with ExportOnnx (docs/models.md, "ONNX export").
        Console.WriteLine($"wrote {output}: the {model.ModelName} model as ONNX, input \"features\" [N, {model.FeatureCount}] {precision}");
        return ExitCodes.Success;
    }
}
