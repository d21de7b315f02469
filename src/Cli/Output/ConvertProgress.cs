using System.Globalization;
using OptSuite.Data.Shards;
using Spectre.Console;

namespace OptSuite.Cli.Output;

/// <summary>
/// The progress line of <c>optsuite convert</c>: a Spectre.Console bar on stderr, and only when stderr is a terminal
/// (stdout keeps the summary alone): the stage, rows and rows/s, text read and MB/s, and the share of the file read.
/// </summary>
internal static class ConvertProgress
{
    public static ShardConversion Run(Func<Action<ShardConversionProgress>?, ShardConversion> convert)
    {
        if (Console.IsErrorRedirected) return convert(null);
        // Spectre judges interactivity by stdout, which may be a file here; stderr is the terminal the line goes to.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes });
        ShardConversion? result = null;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("starting", maxValue: 1.0);
                result = convert(p =>
                {
                    task.Description = Markup.Escape(Describe(p));
                    task.Value = p.Fraction;
                });
                task.Value = 1.0;
            });
        return result!;
    }

    /// <summary>"writing: 1,234,567 rows (410,000/s), 180.2 MB read (95.3 MB/s)".</summary>
    internal static string Describe(ShardConversionProgress p)
    {
        var inv = CultureInfo.InvariantCulture;
        double seconds = Math.Max(p.StageElapsed.TotalSeconds, 1e-3);
        string rows = p.Rows > 0 ? $"{p.Rows.ToString("N0", inv)} rows ({(p.Rows / Math.Max(p.Elapsed.TotalSeconds, 1e-3)).ToString("N0", inv)}/s), " : "";
        return $"{p.Stage}: {rows}{(p.TextBytes / 1e6).ToString("F1", inv)} MB read ({(p.TextBytes / 1e6 / seconds).ToString("F1", inv)} MB/s)";
    }
}
