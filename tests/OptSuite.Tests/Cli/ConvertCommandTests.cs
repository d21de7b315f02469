using System.Text.Json;
using OptSuite.Data;
using OptSuite.Data.Shards;
using OptSuite.Tests.Data.Shards;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Cli;

/// <summary>
/// <c>optsuite convert</c> and <c>optsuite inspect DIR</c> run as a child process: the summary, the shards equal to
/// the reader's matrix, the manifest shown in inspect's own terms, checksums verified, and every refusal (onto the
/// input, into a directory holding it or holding anything, a parse error, a damaged shard) exit code 2 with one
/// <c>error:</c> line and nothing written.
/// </summary>
public sealed class ConvertCommandTests : IDisposable
{
    private readonly ScratchDirectory _dir = new("optsuite-convert-cli");

    public ConvertCommandTests() => File.Copy(DatasetLocator.Find("binary/heart_scale"), P("heart.svm"));

    public void Dispose() => _dir.Dispose();

    private string P(string name) => _dir[name];

    private (int Code, string Out, string Err) Run(params string[] args) => CliProcess.Run(args, workingDirectory: _dir.Path);

    /// <summary>Exit code 2 and exactly one <c>error:</c> line on stderr; returns it.</summary>
    internal static string BadInput((int Code, string Out, string Err) r)
    {
        Assert.True(r.Code == 2, $"exit code {r.Code}, stderr: {r.Err}");
        var lines = r.Err.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1 && lines[0].StartsWith("error: ", StringComparison.Ordinal), $"expected one error line, got: {r.Err}");
        Assert.Equal("", r.Out);
        return lines[0];
    }

    private static Dictionary<string, string> Fields(string stdout) => stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(l => l.Split(": ", 2)).ToDictionary(kv => kv[0], kv => kv[1]);

    [Fact]
    public void HelpListsConvert()
    {
        var r = Run("--help");
        Assert.Equal(0, r.Code);
        Assert.Contains("convert <input>", r.Out, StringComparison.Ordinal);
        Assert.Contains("--shard-size", Run("convert", "--help").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ConvertPrintsASummaryAndInspectShowsTheManifestAsItShowsFiles()
    {
        var r = Run("convert", "heart.svm", "--out", "heart", "--shard-size", "0.002");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal("", r.Err);   // no progress line when stderr is not a terminal
        var f = Fields(r.Out);
        Assert.Equal(("270", "13", "3378", "sparse", "one-based"), (f["rows"], f["columns"], f["nonzeros"], f["storage"], f["index_base"]));
        Assert.True(int.Parse(f["shards"], System.Globalization.CultureInfo.InvariantCulture) > 10);
        foreach (string key in new[] { "bytes", "seconds", "rows_per_second", "mb_per_second", "text_bytes" }) Assert.True(f.ContainsKey(key), key);
        var expected = SvmlightReader.Read(P("heart.svm"));
        ShardDatasets.AssertHolds(P("heart"), expected.Features, expected.Labels);

        var file = Fields(Run("inspect", "heart.svm").Out);
        var dir = Run("inspect", "heart", "--verify");
        Assert.True(dir.Code == 0, dir.Err);
        var shards = Fields(dir.Out);
        foreach (string key in new[] { "rows", "columns", "nonzeros", "density", "labels", "distinct_labels", "class_counts", "index_base" })
            Assert.Equal(file[key], shards[key]);
        Assert.Equal(f["shards"], shards["shards"]);
        Assert.StartsWith("optsuite-shards", shards["format"], StringComparison.Ordinal);
        Assert.Contains("checksums", shards["verified"], StringComparison.Ordinal);

        using var json = JsonDocument.Parse(Run("inspect", "heart", "--json").Out);
        Assert.Equal(120, json.RootElement.GetProperty("class_counts").GetProperty("1").GetInt32());
    }

    [Fact]
    public void CsvAndMatrixMarketNeedTheirLabelsNamed()
    {
        File.WriteAllText(P("t.csv"), "a,b,label\n1,0,1\n0,2.5,-1\n");
        Assert.Contains("--label-column", BadInput(Run("convert", "t.csv", "--out", "c")), StringComparison.Ordinal);
        var r = Run("convert", "t.csv", "--out", "c", "--label-column", "label", "--json");
        Assert.True(r.Code == 0, r.Err);
        using (var json = JsonDocument.Parse(r.Out))
            Assert.Equal(("dense", 2), (json.RootElement.GetProperty("storage").GetString(), json.RootElement.GetProperty("columns").GetInt32()));
        var data = ShardedDataset.Open(P("c"));
        Assert.Equal([1.0, -1], data.Labels);

        File.WriteAllText(P("m.mtx"), "%%MatrixMarket matrix coordinate real general\n2 3 3\n2 1 4\n1 3 1\n1 1 2\n");
        Assert.Contains("no labels", BadInput(Run("convert", "m.mtx", "--out", "m")), StringComparison.Ordinal);
        r = Run("convert", "m.mtx", "--out", "m", "--label-column", "-1");
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("bucket", r.Err, StringComparison.Ordinal);   // a note: the entries were not in row order
        Assert.Equal([1.0, 0], ShardedDataset.Open(P("m")).Labels);
    }

    [Fact]
    public void RefusalsAreExitCode2AndWriteNothing()
    {
        Assert.Contains("is the input file", BadInput(Run("convert", "heart.svm", "--out", "heart.svm")), StringComparison.Ordinal);
        Assert.Equal(new FileInfo(DatasetLocator.Find("binary/heart_scale")).Length, new FileInfo(P("heart.svm")).Length);

        Directory.CreateDirectory(P("data"));
        File.Copy(P("heart.svm"), P("data/heart.svm"));
        Assert.Contains("contains the input", BadInput(Run("convert", "data/heart.svm", "--out", "data")), StringComparison.Ordinal);
        Assert.Contains("not empty", BadInput(Run("convert", "heart.svm", "--out", "data")), StringComparison.Ordinal);
        Assert.Equal(["heart.svm"], Directory.EnumerateFileSystemEntries(P("data")).Select(Path.GetFileName));

        Assert.Contains("not both", BadInput(Run("convert", "heart.svm", "--out", "x", "--dense", "--sparse")), StringComparison.Ordinal);
        Assert.Contains("--shard-size", BadInput(Run("convert", "heart.svm", "--out", "x", "--shard-size", "0.0001")), StringComparison.Ordinal);
        Assert.Contains("svmlight labels", BadInput(Run("convert", "heart.svm", "--out", "x", "--label-column", "0")), StringComparison.Ordinal);
        Assert.Contains("not found", BadInput(Run("convert", "missing.svm", "--out", "x")), StringComparison.Ordinal);
        Assert.False(Directory.Exists(P("x")));

        var lines = File.ReadAllLines(P("heart.svm"));
        lines[150] = "+1 1:0.5 2:NaN 3:1";
        File.WriteAllLines(P("bad.svm"), lines);
        string error = BadInput(Run("convert", "bad.svm", "--out", "x", "--shard-size", "0.001"));
        Assert.Contains("bad.svm:151:10:", error, StringComparison.Ordinal);
        Assert.Contains("not a finite number", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(P("x")), "a failed conversion leaves no directory");

        File.WriteAllText(P("multi.svm"), "1 1:1\n1,2 2:1\n");
        Assert.Contains("multi-label line", BadInput(Run("convert", "multi.svm", "--out", "x")), StringComparison.Ordinal);
    }

    [Fact]
    public void InspectRefusesADamagedOrUnfinishedDataset()
    {
        Assert.Equal(0, Run("convert", "heart.svm", "--out", "h", "--shard-size", "0.002").Code);
        string shard = P("h/shard-00003.bin");
        var bytes = File.ReadAllBytes(shard);
        bytes[^3] ^= 0x40;
        File.WriteAllBytes(shard, bytes);
        Assert.Equal(0, Run("inspect", "h").Code);   // the manifest alone is fine
        string error = BadInput(Run("inspect", "h", "--verify"));
        Assert.Contains("shard-00003.bin", error, StringComparison.Ordinal);
        Assert.Contains("checksum", error, StringComparison.Ordinal);

        File.Delete(P("h/manifest.json"));
        Assert.Contains("not a shard dataset", BadInput(Run("inspect", "h")), StringComparison.Ordinal);
        Assert.Contains("applies to shard dataset", BadInput(Run("inspect", "heart.svm", "--verify")), StringComparison.Ordinal);
    }
}
