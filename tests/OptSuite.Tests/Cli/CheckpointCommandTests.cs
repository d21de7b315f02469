using System.Text.Json;
using OptSuite.Data;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Cli;

/// <summary>
/// <c>optsuite fit --checkpoint DIR [--checkpoint-every N] [--resume]</c>: a fit stopped by its iteration limit and
/// resumed from DIR ends where the uninterrupted fit ends (trust-region Newton: the same objective bits and iteration
/// count); a fresh fit never overwrites a checkpoint; a resume of other options or without a checkpoint is exit code 2.
/// </summary>
[Collection("Console")]
public sealed class CheckpointCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => InspectCommandTests.Run(args);

    private static JsonElement Last(string stdout) => JsonDocument.Parse(stdout.TrimEnd('\n').Split('\n')[^1]).RootElement.Clone();

    [SharedDatasetFact]
    public void AStoppedFitResumesToTheUninterruptedOne()
    {
        using var dir = new ScratchDirectory("checkpoint-cli");
        string data = DatasetLocator.Find("binary/a9a.xz");
        string[] fit = ["fit", "--model", "logistic", "--data", data, "--solver", "newton", "--tol", "1e-10", "--json"];
        var whole = Run(fit);
        Assert.True(whole.Code == 0, whole.Err);
        var stopped = Run([.. fit, "--checkpoint", dir["ck"], "--checkpoint-every", "2", "--max-iter", "5"]);
        Assert.True(stopped.Code == 0, stopped.Err);
        Assert.Equal("MaxIterations", Last(stopped.Out).GetProperty("stop_reason").GetString());
        Assert.True(File.Exists(Path.Combine(dir["ck"], "checkpoint.json")));

        // A fresh fit must not overwrite the checkpoint.
        var again = Run([.. fit, "--checkpoint", dir["ck"]]);
        Assert.Equal(2, again.Code);
        Assert.Contains("holds a checkpoint (iteration 4)", again.Err);

        var resumed = Run([.. fit, "--checkpoint", dir["ck"], "--resume"]);
        Assert.True(resumed.Code == 0, resumed.Err);
        var (a, b) = (Last(whole.Out), Last(resumed.Out));
        Assert.Equal("Converged", b.GetProperty("stop_reason").GetString());
        Assert.Equal(a.GetProperty("iterations").GetInt32(), b.GetProperty("iterations").GetInt32());
        Assert.Equal(a.GetProperty("objective").GetDouble(), b.GetProperty("objective").GetDouble());

        // Other model options, or no checkpoint to resume: usage errors naming the cause.
        var other = Run(["fit", "--model", "logistic", "--data", data, "--C", "2", "--checkpoint", dir["ck"], "--resume"]);
        Assert.Equal(2, other.Code);
        Assert.Contains("another problem", other.Err);
        Assert.Equal(2, Run(["fit", "--model", "logistic", "--data", data, "--resume"]).Code);
        var missing = Run(["fit", "--model", "logistic", "--data", data, "--checkpoint", dir["none"], "--resume"]);
        Assert.Equal(2, missing.Code);
        Assert.Contains("nothing to resume", missing.Err);
    }
}
