using System.Runtime.CompilerServices;
using Spectre.Console;

namespace OptSuite.Cli.Output;

/// <summary>Human output of key/value facts: a table on a terminal, plain "key: value" lines otherwise.</summary>
internal static class KeyValueTable
{
    public static void Write(string title, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        if (Console.IsOutputRedirected)
        {
            foreach (var (k, v) in fields) Console.WriteLine($"{k}: {Format(v)}");
            return;
        }
        WriteTable(title, fields);
    }

    // Its own method, not inlined: a method's Spectre.Console references load that assembly (and its ReadyToRun fixups)
    // when the method is first entered, which redirected output — scripts, pipes — never needs.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WriteTable(string title, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        var table = new Table().Title(title).AddColumn("field").AddColumn("value");
        foreach (var (k, v) in fields) table.AddRow(Markup.Escape(k), Markup.Escape(Format(v)));
        AnsiConsole.Write(table);
    }

    public static string Format(object? v) => v switch
    {
        null => "-",
        double d => d.ToString("G6", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        IEnumerable<KeyValuePair<string, object?>> nested => string.Join(", ", nested.Select(p => $"{p.Key}={Format(p.Value)}")),
        _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
