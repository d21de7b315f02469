using System.CommandLine;
using System.Globalization;

namespace OptSuite.Cli.Commands;

/// <summary>
/// <c>--offset FILE</c> of <c>fit</c> and <c>predict</c>: one known term o_i of the linear predictor per data row
/// (z_i = x_i·w + b + o_i; glmnet's <c>offset</c>, e.g. log exposure), one number per line in the rows' order. A blank
/// last line is allowed; anything else that is not one finite number, or a count other than the rows', is refused naming
/// the option, the file and the line (exit 2). Offsets are data: a model is saved without them.
/// </summary>
internal static class OffsetFile
{
    /// <summary>The option, with the help text of <paramref name="command"/>.</summary>
    public static Option<string?> Create(string command) => new("--offset")
    {
        Description = command == "fit"
            ? "A file of per-row offsets o_i (one number per line), added to the linear predictor x·w + b (log exposure for poisson, gamma, tweedie; logistic: binary only). Not saved with the model."
            : "A file of per-row offsets o_i (one number per line) for a model fitted with offsets; they are data, not part of the model.",
    };

    /// <summary><c>--test-offset FILE</c> of <c>fit</c>: the offsets of the <c>--test</c> rows.</summary>
    public static Option<string?> CreateTest() => new("--test-offset")
    {
        Description = "With --offset and --test: the test rows' offsets (one number per line), so the test score sees the same linear predictor as the training score.",
    };

    /// <summary>The offsets of <paramref name="rows"/> data rows read from <paramref name="path"/>, given as <paramref name="option"/>.</summary>
    public static double[] Read(string path, long rows, string dataOption, string dataPath, string option = "--offset")
    {
        CliFiles.RequireInput(option, path, "Offset");
        var values = new List<double>();
        using var reader = new StreamReader(path);
        long line = 0;
        bool blankSeen = false;
        while (reader.ReadLine() is { } text)
        {
            line++;
            string t = text.Trim();
            if (t.Length == 0) { blankSeen = true; continue; }
            if (blankSeen) throw new UsageException($"{option} {path}, line {line - 1}: an empty line; the file holds one number per line.");
            if (!double.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double v))
                throw new UsageException($"{option} {path}, line {line}: '{Clip(t)}' is not a number (one number per line, a point for decimals).");
            if (!double.IsFinite(v)) throw new UsageException($"{option} {path}, line {line}: {t} is not finite.");
            values.Add(v);
        }
        if (values.Count != rows)
            throw new UsageException($"{option} {path} has {values.Count} values for the {rows} rows of {dataOption} {dataPath}; it needs one per row.");
        return [.. values];
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
