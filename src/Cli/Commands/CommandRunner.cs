using System.CommandLine;
using OptSuite.Data;

namespace OptSuite.Cli.Commands;

/// <summary>Runs a command body and maps exceptions to the documented exit codes and one <c>error:</c> line.</summary>
internal static class CommandRunner
{
    public static int Run(ParseResult parse, Func<int> body)
    {
        bool verbose = parse.GetValue(CommandLineApp.Verbose);
        try
        {
            ThreadsOption.Check(parse);
            return body();
        }
        catch (Exception e) when (IsBadInput(e))
        {
            Console.Error.WriteLine($"error: {e.Message}");
            if (verbose) Console.Error.WriteLine(e);
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"error: {e.GetType().Name}: {e.Message}");
            if (verbose) Console.Error.WriteLine(e);
            return ExitCodes.Failed;
        }
    }

    /// <summary>Exceptions that mean the user's input or usage is wrong (exit code 2).</summary>
    public static bool IsBadInput(Exception e) => e is DataFormatException or FileNotFoundException
        or DirectoryNotFoundException or ArgumentException or UsageException;
}

/// <summary>A usage error detected by a command after parsing (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
