namespace OptSuite.Cli;

/// <summary>The optsuite command tree (filled in by the CLI work).</summary>
internal static class CommandLineApp
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("error: no commands yet");
        return 2;
    }
}
