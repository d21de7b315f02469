using System.CommandLine;
using System.Text;
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
            Error(Message(e));
            if (verbose) Console.Error.WriteLine(e);
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            Error($"{e.GetType().Name}: {Message(e)}");
            if (verbose) Console.Error.WriteLine(e);
            return ExitCodes.Failed;
        }
    }

    /// <summary>Set by a distributed command: "rank r of K: ", so each rank's error says which rank failed.</summary>
    public static string RankPrefix { get; set; } = "";

    /// <summary>Exceptions that mean the user's input or usage is wrong (exit code 2). <see cref="InvalidDataException"/> is
    /// a damaged input: a directory that is no shard dataset, a truncated or corrupted shard (the message names the file),
    /// a damaged compressed stream. <see cref="NotSupportedException"/> is a combination of options the library does not
    /// run (the multinomial loss on distributed rows, say).</summary>
    public static bool IsBadInput(Exception e) => e is DataFormatException or FileNotFoundException
        or DirectoryNotFoundException or ArgumentException or UsageException or UnauthorizedAccessException or InvalidDataException
        or NotSupportedException;

    /// <summary>Writes <c>error: MESSAGE</c> to stderr as one line (see <see cref="OneLine"/>).</summary>
    public static void Error(string message) => Console.Error.WriteLine("error: " + RankPrefix + OneLine(message));

    /// <summary>The options that set the estimators' and paths' properties, by property name.</summary>
    private static readonly Dictionary<string, string> OptionOfProperty = new()
    {
        ["Lambda"] = "--lambda", ["C"] = "--C", ["L1Ratio"] = "--l1-ratio", ["Tolerance"] = "--tol",
        ["MaxIterations"] = "--max-iter", ["GroupSize"] = "--group-size", ["Delta"] = "--delta", ["Quantile"] = "--quantile", ["Epsilon"] = "--epsilon", ["Power"] = "--power", ["offset"] = "--offset",
        ["InterceptScaling"] = "--intercept-scaling", ["ClassWeight"] = "--class-weight", ["PenaltyFactors"] = "--penalty-factors", ["Positive"] = "--positive", ["LowerBounds"] = "--lower-bound", ["UpperBounds"] = "--upper-bound", ["Standardize"] = "--standardize", ["Threads"] = "--threads", ["PathLength"] = "--n-lambda",
        ["LambdaMinRatio"] = "--lambda-min-ratio", ["Folds"] = "--folds", ["MaxDegreeOfParallelism"] = "--parallel",
    };

    /// <summary>
    /// What a CLI user is told: the exception's message without .NET's <c>(Parameter 'x')</c> decoration, which names
    /// a C# parameter the user never saw, led by the option when the parameter is a property an option sets.
    /// </summary>
    public static string Message(Exception e)
    {
        string message = e.Message;
        if (e is ArgumentException { ParamName: { } name })
        {
            message = message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal);
            if (e is ArgumentOutOfRangeException { ActualValue: { } actual })
                message = message.Replace($"{Environment.NewLine}Actual value was {actual}.", $" It is {actual}.", StringComparison.Ordinal);
            if (OptionOfProperty.TryGetValue(name, out string? option)) message = $"{option}: {message}";
        }
        return message;
    }

    /// <summary><paramref name="text"/> on one line, safe for a terminal (<see cref="TerminalText.Escape"/>).</summary>
    public static string OneLine(string text) => TerminalText.Escape(text);
}

/// <summary>A usage error detected by a command after parsing (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
