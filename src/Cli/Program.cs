namespace OptSuite.Cli;

internal static class Program
{
    // The exit code is also the process's Environment.ExitCode before Main returns: an MPI rank decides at exit from it
    // whether to finalise (a failing rank leaves the job to mpiexec.hydra, which stops the others).
    private static int Main(string[] args) => Environment.ExitCode = CommandLineApp.Run(args);
}
