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

    /// <summary>The subcommands in help order, each built only when asked for: building one initialises its options
    /// (and, for fit, cv, path and bench, the options of every model), which is start-up time a command that runs
    /// another subcommand should not pay.</summary>
    private static readonly (string Name, Func<Command> Create)[] Subcommands =
    [
        ("info", InfoCommand.Create),
        ("inspect", InspectCommand.Create),
        ("convert", ConvertCommand.Create),
        ("fit", FitCommand.Create),
        ("predict", PredictCommand.Create),
        ("export", ExportCommand.Create),
        ("bench", BenchCommand.Create),
        ("path", PathCommand.Create),
        ("cv", CvCommand.Create),
    ];

    /// <summary>The whole tree (every subcommand).</summary>
    public static RootCommand Build() => Build(null);

    /// <summary>
    /// The tree with every subcommand, or with only subcommand <paramref name="only"/> when it names one: what
    /// <see cref="Run"/> parses when the first argument is a subcommand (the root's options are recursive, so
    /// <c>optsuite fit -v</c> is parsed alike either way). Help, a missing or misspelt subcommand and options before
    /// the subcommand get the whole tree.
    /// </summary>
    public static RootCommand Build(string? only)
    {
        var root = new RootCommand("OptSuite: convex optimisation for loss objectives (lasso, ridge, logistic, SVM).");
        root.Options.Add(Verbose);
        foreach (var (name, create) in Subcommands)
            if (only is null || name == only) root.Subcommands.Add(create());
        CliNumbers.Apply(root);
        return root;
    }

    /// <summary>The subcommand <paramref name="args"/> start with, or null (then the whole tree is built).</summary>
    internal static string? RequestedSubcommand(string[] args)
    {
        if (args.Length == 0) return null;
        foreach (var (name, _) in Subcommands)
            if (string.Equals(args[0], name, StringComparison.Ordinal)) return name;
        return null;
    }

    public static int Run(string[] args)
    {
        var parse = Build(RequestedSubcommand(args)).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) CommandRunner.Error(e.Message);
            Console.Error.WriteLine("Run 'optsuite --help' for usage.");
            return ExitCodes.BadInput;
        }
        return parse.Invoke();
    }
}
