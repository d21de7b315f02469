using System.CommandLine;
using System.Globalization;
using OptSuite.LinearAlgebra.Distributed;
using OptSuite.Models;
using OptSuite.Models.Persistence;
using OptSuite.Solvers;

namespace OptSuite.Cli.Commands;

/// <summary>
/// <c>--checkpoint DIR</c>, <c>--checkpoint-every N</c> and <c>--resume</c> of <c>optsuite fit</c>: the solver's state is
/// saved to DIR every N iterations (<see cref="CheckpointDirectory"/>: a file per rank, a manifest naming the last complete
/// checkpoint), and a fit with <c>--resume</c> continues from it — after a crash, a killed job or a time limit. A
/// checkpoint of another problem (model options, λ, data, n, p) or another number of ranks is refused, and a directory
/// that already holds a checkpoint is never overwritten by a fresh fit.
/// </summary>
internal sealed class CheckpointOptions
{
    public readonly Option<string?> Directory = new("--checkpoint")
    {
        Description = "Save the solver's state to this directory every --checkpoint-every iterations (each rank its own file; checkpoint.json names the last complete one); continue later with --resume.",
    };

    public readonly Option<int> Every = new("--checkpoint-every")
    {
        Description = "Iterations (epochs, rounds) between checkpoints. Default 10.", DefaultValueFactory = _ => 10,
    };

    public readonly Option<bool> Resume = new("--resume")
    {
        Description = "Continue the fit from the checkpoint in --checkpoint DIR: same model options, data and number of ranks (tolerance and iteration limit may change).",
    };

    public IEnumerable<Option> All => [Directory, Every, Resume];

    /// <summary>Sets <see cref="LinearEstimator.Checkpoints"/> from the options (collective with ranks: a resume reads every
    /// rank's file), or does nothing without <c>--checkpoint</c>.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="estimator">The estimator about to fit.</param>
    /// <param name="modelOptions">The model's options, whose values go into the problem's fingerprint.</param>
    /// <param name="data">The training data.</param>
    /// <param name="ranks">The ranks of a distributed fit, or null.</param>
    public void Apply(ParseResult parse, LinearEstimator estimator, IEnumerable<Option> modelOptions, CliData data, ICommunicator? ranks)
    {
        string? path = parse.GetValue(Directory);
        bool resume = parse.GetValue(Resume);
        int every = parse.GetValue(Every);
        if (path is null)
        {
            if (resume) throw new UsageException("--resume needs --checkpoint DIR, the directory the fit saved its checkpoints to.");
            return;
        }
        if (File.Exists(path)) throw new UsageException($"--checkpoint {path} is a file; it names a directory.");
        var inv = CultureInfo.InvariantCulture;
        string options = string.Join(" ", modelOptions.Select(o => $"{o.Name}={string.Join(",", parse.GetResult(o)?.Tokens.Select(t => t.Value) ?? [])}"));
        string fingerprint = $"{options}; λ = {estimator.LambdaFor(data.GlobalRows).ToString("R", inv)}, intercept {estimator.FitIntercept}; " +
            $"data {System.IO.Path.GetFullPath(data.Path)}, n = {data.GlobalRows}, p = {data.Columns}";
        var directory = new CheckpointDirectory(path, fingerprint, ranks);
        SolverCheckpoint? from = null;
        if (resume) from = directory.Load();
        else if (directory.SavedIteration is { } saved)
            throw new UsageException($"--checkpoint {path} holds a checkpoint (iteration {saved}); pass --resume to continue that fit, or name another directory (a checkpoint is never overwritten by a new fit).");
        estimator.Checkpoints = new SolverCheckpoints { Every = every, Save = directory.Save, Resume = from };
    }
}
