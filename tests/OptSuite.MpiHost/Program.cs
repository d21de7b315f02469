using OptSuite.LinearAlgebra.Distributed;
using OptSuite.MpiHost;

// Usage: OptSuite.MpiHost K SCENARIO [ARGS], as every rank of mpiexec.hydra -n K. Each rank first checks that the
// world has the K ranks asked for: a launcher that starts K unrelated singletons (another MPI's mpiexec) must fail,
// not pass as K runs of one rank.
//   checks            every collective check (CommunicatorChecks), one line per result: R{rank} check|bits ...
//   exit RANK CODE    RANK exits with CODE while the others wait in a reduction
//   crash RANK        RANK throws an unhandled exception while the others wait in a reduction
//   abort RANK CODE   RANK calls MPI_Abort(CODE) while the others wait in a reduction
//   hang RANK         RANK sleeps while the others wait in a reduction (bounded only by MPIEXEC_TIMEOUT)
//   solve             every distributed fit of SolveScenarios on this rank's rows, one line each
if (args.Length < 2 || !int.TryParse(args[0], out int k) || k < 1)
{
    Console.Error.WriteLine("usage: OptSuite.MpiHost K checks|solve|exit RANK CODE|abort RANK CODE|crash RANK|hang RANK");
    return 2;
}

MpiCommunicator world = MpiCommunicator.World;
if (world.Size != k)
{
    Console.Error.WriteLine($"rank {world.Rank}: the MPI world has {world.Size} rank(s), {k} were requested " +
        "(a launcher mismatch: use mpiexec.hydra from MPICH)");
    return 3;
}
Say($"R{world.Rank} started {MpiCommunicator.LibraryVersion.Replace('\t', ' ')}");

switch (args[1])
{
    case "checks":
    {
        CheckReport report = CommunicatorChecks.Run(world, k);
        // A null dereference after MPI (and UCX) are up must still be a NullReferenceException, not a UCX crash.
        try
        {
            string? nothing = args.Length > 99 ? "" : null;
            report.Check("null-reference", nothing!.Length < 0, "no exception");
        }
        catch (NullReferenceException)
        {
            report.Check("null-reference", true);
        }
        foreach (string line in report.Lines(world.Rank)) Say(line);
        Say($"R{world.Rank} done");
        world.Barrier();   // every rank has printed before any exits
        return report.Passed ? 0 : 1;
    }
    case "solve":
    {
        foreach (string line in SolveScenarios.Run(world)) Say(line);
        Say($"R{world.Rank} done");
        world.Barrier();
        return 0;
    }
    case "exit" or "abort" or "crash" or "hang":
    {
        int failing = int.Parse(args[2]);
        world.Barrier();
        if (world.Rank == failing)
        {
            Say($"R{world.Rank} failing: {args[1]}");
            if (args[1] == "exit") Environment.Exit(int.Parse(args[3]));
            if (args[1] == "abort") world.Abort(int.Parse(args[3]));
            if (args[1] == "crash") throw new InvalidOperationException($"rank {world.Rank} crashes on purpose");
            Thread.Sleep(Timeout.Infinite);
        }
        var v = new double[1000];
        world.AllReduceSum(v);   // never completes: the failing rank does not take part
        Say($"R{world.Rank} reduction completed without rank {failing}");
        return 0;
    }
    default:
        Console.Error.WriteLine($"unknown scenario '{args[1]}'");
        return 2;
}

// One write(2) per line, well under PIPE_BUF: mpiexec.hydra merges the ranks' pipes chunk by chunk, and Console.Out
// may split a long string into several writes, which then interleave with other ranks' mid-line.
static void Say(string line) => Output.Stdout.Write(System.Text.Encoding.UTF8.GetBytes(line + "\n"));

internal static class Output
{
    public static readonly Stream Stdout = Console.OpenStandardOutput();
}
