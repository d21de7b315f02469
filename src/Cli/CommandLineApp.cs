using System.CommandLine;
using OptSuite.Cli.Commands;

namespace OptSuite.Cli;

/// <summary>
/// The optsuite command tree. Exit codes: 0 success, 1 failed run, 2 bad usage or bad input; errors are one
/// <c>error:</c> line on stderr (naming file and line for malformed data), with a stack trace only under --verbose.
/// </summary>
internal static class CommandLineApp
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show stack traces on errors.",
        Recursive = true,
    };

    public static RootCommand Build()
    {
        var root = new RootCommand("OptSuite: convex optimisation for loss objectives (lasso, ridge, logistic, SVM).");
        root.Options.Add(Verbose);
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(ConvertCommand.Create());
        root.Subcommands.Add(FitCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(PathCommand.Create());
        root.Subcommands.Add(CvCommand.Create());
        CliNumbers.Apply(root);
        return root;
    }

    public static int Run(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) CommandRunner.Error(e.Message);
            Console.Error.WriteLine("Run 'optsuite --help' for usage.");
            return ExitCodes.BadInput;
        }
        return parse.Invoke();
    }
}
