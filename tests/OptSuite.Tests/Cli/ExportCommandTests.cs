using Microsoft.ML.OnnxRuntime.Tensors;
using OptSuite.Data;
using OptSuite.Models;
using OptSuite.Tests.Models;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Cli;

/// <summary><c>optsuite export</c> in-process: a model saved by <c>fit</c> exported in both precisions and run by
/// OnnxRuntime, against <c>predict</c>; exit 2 and no file for a missing or malformed model, an output that is the model
/// file, or an unknown format or precision.</summary>
[Collection("Console")]
public class ExportCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => InspectCommandTests.Run(args);

    [Fact]
    public void AFittedModelExportsAndPredictsWhatPredictWrites()
    {
        using var dir = new ScratchDirectory("optsuite-export");
        string data = DatasetLocator.Find("multiclass/iris.svm");
        Assert.Equal(0, Run("fit", "--model", "multinomial", "--data", data, "--output", dir["iris.json"]).Code);
        Assert.Equal(0, Run("predict", "--model", dir["iris.json"], "--data", data, "--output", dir["predictions.txt"]).Code);
        var model = LinearEstimator.Load(dir["iris.json"]);
        var x = Dense(SvmlightReader.Read(data, model.ReaderOptions).Features.ToDense());

        var (code, stdout, stderr) = Run("export", "--model", dir["iris.json"], "--format", "onnx", "--output", dir["iris.onnx"]);
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains("iris.onnx", stdout, StringComparison.Ordinal);
        var single = OnnxRun.Of(File.ReadAllBytes(dir["iris.onnx"]), x);
        Assert.Equal(TensorElementType.Float, single.InputType);   // the default
        _ = new OnnxAgreement(model, x, single, OnnxPrecision.Float32);

        Assert.Equal(0, Run("export", "--model", dir["iris.json"], "--output", dir["iris64.onnx"], "--precision", "float64").Code);
        var run = OnnxRun.Of(File.ReadAllBytes(dir["iris64.onnx"]), x);
        Assert.Equal(TensorElementType.Double, run.InputType);
        _ = new OnnxAgreement(model, x, run, OnnxPrecision.Float64);
        string[] predicted = File.ReadAllLines(dir["predictions.txt"]);
        Assert.Equal(predicted, run.IntegerLabels!.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // The C# export of the loaded model is the same file.
        var stream = new MemoryStream();
        model.ExportOnnx(stream, new OnnxExportOptions { Precision = OnnxPrecision.Float64 });
        Assert.Equal(stream.ToArray(), File.ReadAllBytes(dir["iris64.onnx"]));
    }

    [Fact]
    public void AMissingModelFileIsExitTwo()
    {
        using var dir = new ScratchDirectory("optsuite-export");
        var (code, _, stderr) = Run("export", "--model", dir["none.json"], "--format", "onnx", "--output", dir["m.onnx"]);
        Assert.Equal(2, code);
        Assert.StartsWith("error: Model file not found: ", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir["m.onnx"]));
    }

    [Theory]
    [InlineData("not a model", "not an OptSuite model file")]
    [InlineData("{\"schema_version\": 2, \"format\": \"optsuite.linear-model\", \"model\": \"lasso\"", "not valid JSON")]
    [InlineData("{\"schema_version\": 2, \"format\": \"optsuite.linear-model\", \"model\": \"no-such-model\", \"options\": {}, \"features\": 1, \"outputs\": 1, \"coefficients\": [1], \"intercepts\": [0], \"classes\": null, \"fit\": null}", "unknown model 'no-such-model'")]
    public void AMalformedModelFileIsRefusedAndNothingIsWritten(string text, string message)
    {
        using var dir = new ScratchDirectory("optsuite-export");
        File.WriteAllText(dir["bad.json"], text);
        var (code, stdout, stderr) = Run("export", "--model", dir["bad.json"], "--format", "onnx", "--output", dir["bad.onnx"]);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Contains("bad.json", stderr, StringComparison.Ordinal);
        Assert.Equal(["bad.json"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void AnOutputThatWouldOverwriteTheModelIsRefused()
    {
        using var dir = new ScratchDirectory("optsuite-export");
        new Ridge().Fit(new double[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } }, [1.0, 2, 3]).Save(dir["m.json"]);
        byte[] before = File.ReadAllBytes(dir["m.json"]);
        File.CreateSymbolicLink(dir["link.onnx"], dir["m.json"]);
        foreach (string output in new[] { dir["m.json"], dir["link.onnx"] })
        {
            var (code, _, stderr) = Run("export", "--model", dir["m.json"], "--format", "onnx", "--output", output);
            Assert.Equal(2, code);
            Assert.Contains("is the same file as --model", stderr, StringComparison.Ordinal);
            Assert.Equal(before, File.ReadAllBytes(dir["m.json"]));
        }
    }

    [Theory]
    [InlineData("--format", "pmml")]
    [InlineData("--precision", "float16")]
    public void AnUnknownFormatOrPrecisionIsExitTwo(string option, string value)
    {
        using var dir = new ScratchDirectory("optsuite-export");
        new Ridge().Fit(new double[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } }, [1.0, 2, 3]).Save(dir["m.json"]);
        var (code, _, stderr) = Run("export", "--model", dir["m.json"], "--output", dir["m.onnx"], option, value);
        Assert.Equal(2, code);
        Assert.Contains(value, stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir["m.onnx"]));
    }

    private static double[,] Dense(OptSuite.LinearAlgebra.DenseMatrix m)
    {
        var a = new double[m.Rows, m.Columns];
        for (int i = 0; i < m.Rows; i++)
            for (int j = 0; j < m.Columns; j++) a[i, j] = m[i, j];
        return a;
    }
}
