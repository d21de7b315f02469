namespace OptSuite.Cli;

internal static class Program
{
    private static int Main(string[] args) => CommandLineApp.Run(args);
}
