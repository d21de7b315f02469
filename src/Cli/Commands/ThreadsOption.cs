using System.CommandLine;
using OptSuite.LinearAlgebra;

namespace OptSuite.Cli.Commands;

/// <summary>
/// The <c>--threads</c> option (fit, path, cv, bench) and the <c>OPTSUITE_THREADS</c> variable: a positive whole number,
/// anything else is exit 2 naming the option or variable; a count above the logical processors is clamped (by the
/// library) and said once on stderr.
/// </summary>
internal static class ThreadsOption
{
    public const string Name = "--threads";

    /// <summary>A <c>--threads</c> option whose parser rejects what <see cref="LinearAlgebraSettings.TryParseThreads"/> rejects.</summary>
    public static Option<int?> Create(string description) => new(Name)
    {
        Description = description,
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (LinearAlgebraSettings.TryParseThreads(text, out int threads)) return threads;
            result.AddError($"{Name} must be a positive whole number of threads; found '{text}'.");
            return null;
        },
    };

    /// <summary>
    /// Run once per command before its body: a malformed <c>OPTSUITE_THREADS</c> is a <see cref="UsageException"/>, and
    /// when the run's count (<c>--threads</c>, else the variable) exceeds <see cref="LinearAlgebraSettings.AvailableProcessors"/>
    /// one <c>note:</c> line on stderr says what is used instead.
    /// </summary>
    public static void Check(ParseResult parse)
    {
        string variable = LinearAlgebraSettings.ThreadsVariable;
        string? text = Environment.GetEnvironmentVariable(variable);
        int requested = 0;
        string source = "";
        if (!string.IsNullOrWhiteSpace(text))
        {
            if (!LinearAlgebraSettings.TryParseThreads(text, out requested))
                throw new UsageException($"{variable} must be a positive whole number of threads; found '{text}'.");
            source = $"{variable}={text.Trim()}";
        }
        if (parse.CommandResult.Command.Options.OfType<Option<int?>>().FirstOrDefault(o => o.Name == Name) is { } option
            && parse.GetValue(option) is { } fromOption)
        {
            requested = fromOption;
            source = $"{Name} {parse.GetResult(option)!.Tokens[0].Value.Trim()}";
        }
        int available = LinearAlgebraSettings.AvailableProcessors;
        if (requested > available)
            Console.Error.WriteLine($"note: {source} is more than the {available} logical processor{(available == 1 ? "" : "s")}; using {available}.");
    }
}
