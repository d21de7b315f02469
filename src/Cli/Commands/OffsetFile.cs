using System.CommandLine;
using System.Globalization;
using OptSuite.LinearAlgebra.Distributed;

namespace OptSuite.Cli.Commands;

/// <summary>
/// <c>--offset FILE</c> of <c>fit</c>, <c>predict</c>, <c>path</c>, <c>cv</c> and <c>bench</c>: one known term o_i of the linear predictor per data row
/// (z_i = x_i·w + b + o_i; glmnet's <c>offset</c>, e.g. log exposure), one number per line in the rows' order. A blank
/// last line is allowed; anything else that is not one finite number, or a count other than the rows', is refused naming
/// the option, the file and the line (exit 2). Offsets are data: a model is saved without them.
/// </summary>
internal static class OffsetFile
{
    /// <summary>The option, with the help text of <paramref name="command"/>.</summary>
    public static Option<string?> Create(string command) => new("--offset")
    {
        Description = command switch
        {
            "fit" => "A file of per-row offsets o_i (one number per line, one per row of the data file or shard directory in its row order; with --distributed each rank keeps its rows' share), added to the linear predictor x·w + b (log exposure for poisson, gamma, tweedie; logistic: binary only). Not saved with the model.",
            "path" => "A file of per-row offsets o_i (one number per line, one per data row in its order), added to the linear predictor x·w + b at every λ and in every fold (poisson, gamma, tweedie).",
            "bench" => "A file of per-row offsets o_i (one number per line), added to the linear predictor x·w + b of the benchmarked problem (poisson, gamma, tweedie, binary logistic); solvers that cannot take offsets are left out or refused as for any problem they do not handle.",
            _ => "A file of per-row offsets o_i (one number per line) for a model fitted with offsets; they are data, not part of the model.",
        },
    };

    /// <summary><c>--test-offset FILE</c> of <c>fit</c>: the offsets of the <c>--test</c> rows.</summary>
    public static Option<string?> CreateTest() => new("--test-offset")
    {
        Description = "With --offset and --test: the test rows' offsets (one number per line), so the test score sees the same linear predictor as the training score.",
    };

    /// <summary>
    /// The offsets of the rows of <paramref name="data"/> read from <paramref name="path"/>, given as <paramref name="option"/>:
    /// the file holds one value per row of the whole data set (all ranks' rows, in the data's row order), and every line is
    /// checked; for a rank's share of distributed data (<see cref="CliData.ReadPart"/>) only that rank's rows' values are
    /// kept, so each rank holds its own share as it holds its own rows.
    /// </summary>
    public static double[] Read(string path, CliData data, string option = "--offset")
    {
        CliFiles.RequireInput(option, path, "Offset");
        long rows = data.GlobalRows;
        var (first, count) = data.Features is IDistributedMap d ? (d.FirstRow, d.Rows) : (0L, data.Rows);
        var values = new double[count];
        using var reader = new StreamReader(path);
        long line = 0, read = 0;
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
            if (read >= first && read - first < count) values[read - first] = v;
            read++;
        }
        if (read != rows)
            throw new UsageException($"{option} {path} has {read} values for the {rows} rows of {data.Option} {data.Path}; it needs one per row.");
        return values;
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
