using System.Globalization;

namespace OptSuite.Cli.Commands;

/// <summary>
/// <c>--penalty-factors FILE</c>: one factor per line (feature 1 on line 1), invariant culture; blank lines only at the
/// end. Every failure names the option, the file and the line.
/// </summary>
internal static class PenaltyFactorsFile
{
    public const string Option = "--penalty-factors";

    /// <summary>The factors in <paramref name="path"/>: finite, ≥ 0, not all 0 (the count is checked against the data by <see cref="CheckCount"/>).</summary>
    public static double[] Read(string path)
    {
        CliFiles.RequireInput(Option, path, "Penalty-factor");
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (IOException e)
        {
            throw new UsageException($"{Option} {path}: {e.Message}");
        }
        int count = lines.Length;
        while (count > 0 && string.IsNullOrWhiteSpace(lines[count - 1])) count--;
        if (count == 0) throw new UsageException($"{Option} {path}: the file holds no factors (one number per line, one line per feature).");
        var factors = new double[count];
        bool any = false;
        for (int i = 0; i < count; i++)
        {
            string text = lines[i].Trim();
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                throw new UsageException($"{Option} {path} line {i + 1}: '{text}' is not a number (one factor per line).");
            if (!double.IsFinite(v) || v < 0)
                throw new UsageException($"{Option} {path} line {i + 1}: {text}; penalty factors must be finite and ≥ 0.");
            factors[i] = v;
            any |= v > 0;
        }
        if (!any) throw new UsageException($"{Option} {path}: every factor is 0, so nothing is penalised; for an unpenalised fit use --lambda 0.");
        return factors;
    }

    /// <summary>Requires one factor per feature of the data (after <see cref="Read"/>).</summary>
    public static void CheckCount(string path, int count, int features, string dataOption)
    {
        if (count != features)
            throw new UsageException($"{Option} {path}: {count} factors (lines 1–{count}) for {features} features of {dataOption}; give one per feature.");
    }
}
