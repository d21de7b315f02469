using System.CommandLine;
using OptSuite.LinearAlgebra.Distributed;

namespace OptSuite.Cli.Commands;

/// <summary>
/// <c>--distributed</c> and <c>--ranks K</c> of <c>fit</c> and <c>bench</c>: the process is one rank of an MPI job started
/// by <c>mpiexec.hydra -n K -genv UCX_ERROR_SIGNALS "" dotnet optsuite.dll ...</c> (docs/distributed.md). Each rank reads its
/// share of the data, the ranks solve one problem through all-reduces, and rank 0 prints and writes the outputs; an
/// error on any rank names the rank and ends the job.
/// </summary>
internal static class DistributedOptions
{
    public static Option<bool> Flag() => new("--distributed")
    {
        Description = "Run as one rank of an MPI job (mpiexec.hydra -n K -genv UCX_ERROR_SIGNALS \"\" dotnet optsuite.dll ...): each rank reads " +
            "its share of the data (a byte range of a plain svmlight file, or its part of a shard directory), the ranks fit one model " +
            "through all-reduces, and rank 0 prints and writes the output (docs/distributed.md).",
    };

    public static Option<int?> RankCount() => new("--ranks")
    {
        Description = "With --distributed: the number of ranks the job must have; a job of another size (a wrong -n, a launcher that is not MPICH's) stops with an error.",
    };

    /// <summary>MPI's world when <c>--distributed</c> is given (checked against <c>--ranks</c>), else null.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="flag">The command's <c>--distributed</c>.</param>
    /// <param name="count">The command's <c>--ranks</c>.</param>
    /// <param name="model">The model's name, for messages.</param>
    /// <param name="multiTask">Whether the model is multi-task (which does not run across ranks).</param>
    public static ICommunicator? Join(ParseResult parse, Option<bool> flag, Option<int?> count, string model, bool multiTask)
    {
        int? expected = parse.GetValue(count);
        if (!parse.GetValue(flag))
        {
            if (expected is not null) throw new UsageException("--ranks needs --distributed.");
            return null;
        }
        if (multiTask)
            throw new UsageException($"--distributed: {model} does not run across ranks (its multi-task objective does not reduce over ranks); fit it in one process.");
        var world = MpiCommunicator.World;
        CommandRunner.RankPrefix = $"rank {world.Rank} of {world.Size}: ";
        if (expected is { } k && k != world.Size)
            throw new UsageException($"--ranks {k}: the MPI job has {world.Size} rank{(world.Size == 1 ? "" : "s")}; launch it with mpiexec.hydra -n {k}.");
        return world;
    }
}
