using System.Text.Json;
using OptSuite.Cli;
using OptSuite.Data;

namespace OptSuite.Tests.Cli;

/// <summary>Runs <c>optsuite inspect</c> in-process with stdout/stderr captured (no other test may write to the console meanwhile).</summary>
[Collection("Console")]
public class InspectCommandTests
{
    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (o, e) = (new StringWriter(), new StringWriter());
        try
        {
            Console.SetOut(o);
            Console.SetError(e);
            int code = CommandLineApp.Run(args);
            return (code, o.ToString(), e.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    private static string Temp(string name, string text)
    {
        string dir = Path.Combine(Path.GetTempPath(), "optsuite-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void JsonSummaryOfABinaryFile()
    {
        var (code, stdout, stderr) = Run("inspect", DatasetLocator.Find("binary/heart_scale"), "--json");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        Assert.Equal("svmlight", r.GetProperty("format").GetString());
        Assert.Equal(270, r.GetProperty("rows").GetInt32());
        Assert.Equal(13, r.GetProperty("columns").GetInt32());
        Assert.Equal(3378, r.GetProperty("nonzeros").GetInt32());
        Assert.Equal(3378.0 / (270 * 13), r.GetProperty("density").GetDouble(), 12);
        Assert.Equal("binary", r.GetProperty("labels").GetString());
        Assert.Equal(150, r.GetProperty("class_counts").GetProperty("-1").GetInt32());
        Assert.Equal(120, r.GetProperty("class_counts").GetProperty("1").GetInt32());
        Assert.Equal("one-based", r.GetProperty("index_base").GetString());
        Assert.True(r.GetProperty("load_seconds").GetDouble() >= 0);
        Assert.True(r.GetProperty("mb_per_second").ValueKind is JsonValueKind.Number or JsonValueKind.Null);
        Assert.Equal(new FileInfo(DatasetLocator.Find("binary/heart_scale")).Length, r.GetProperty("text_bytes").GetInt64());
    }

    [Fact]
    public void PlainSummaryOfARegressionFile()
    {
        var (code, stdout, _) = Run("inspect", DatasetLocator.Find("regression/prostate_train.svm"));
        Assert.Equal(0, code);
        Assert.Contains("rows: 67", stdout);
        Assert.Contains("labels: regression", stdout);
        Assert.Contains("label_min: -0.430783", stdout);
        Assert.Contains("label_max: 5.47751", stdout);
        Assert.Contains("mb_per_second: ", stdout);
    }

    [Fact]
    public void MulticlassMultiLabelAndOptions()
    {
        var multi = Temp("m.svm", "1 1:1\n2 2:1\n3 3:1\n3 1:1\n");
        using (var doc = JsonDocument.Parse(Run("inspect", multi, "--json").Out))
        {
            Assert.Equal("multiclass", doc.RootElement.GetProperty("labels").GetString());
            Assert.Equal(2, doc.RootElement.GetProperty("class_counts").GetProperty("3").GetInt32());
        }
        var sets = Temp("ml.svm", "1,3 1:1\n2 2:1\n0:1\n");
        var (code, stdout, _) = Run("inspect", sets, "--json", "--zero-based", "true", "--features", "10");
        Assert.Equal(0, code);
        using (var doc = JsonDocument.Parse(stdout))
        {
            Assert.Equal("multilabel", doc.RootElement.GetProperty("labels").GetString());
            Assert.Equal(10, doc.RootElement.GetProperty("columns").GetInt32());
            Assert.Equal("zero-based", doc.RootElement.GetProperty("index_base").GetString());
            Assert.Equal(1.0, doc.RootElement.GetProperty("labels_per_row").GetDouble());
        }
    }

    [Fact]
    public void BadFileIsExitCodeTwoWithOneErrorLine()
    {
        var bad = Temp("bad.svm", "1 1:1\n-1 3:1 2:5\n");
        var (code, stdout, stderr) = Run("inspect", bad);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var lines = stderr.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith($"error: {bad}:2:8: feature indices must increase", lines[0]);
    }

    [Theory]
    [InlineData("--features", "3")]
    [InlineData("--zero-based", "false")]
    public void OptionsThatMakeAFileInvalidAreExitCodeTwo(string option, string value)
    {
        var path = Temp("z.svm", "1 0:1 4:2\n");
        var (code, _, stderr) = Run("inspect", path, option, value);
        Assert.Equal(2, code);
        Assert.StartsWith($"error: {path}:1:", stderr);
    }

    [Fact]
    public void UsageErrorsAreExitCodeTwo()
    {
        Assert.Equal(2, Run("inspect").Code);
        Assert.Equal(2, Run("inspect", "x.svm", "--zero-based", "maybe").Code);
        var (code, _, stderr) = Run("inspect", Path.Combine(Path.GetTempPath(), "missing-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(2, code);
        Assert.StartsWith("error: Data file not found", stderr);
    }
}
