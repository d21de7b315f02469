using System.Globalization;
using OptSuite.LinearAlgebra;
using OptSuite.Solvers;

namespace OptSuite.Models.Internal;

/// <summary>
/// What a fit that stopped uncertified says: why it stopped, how far the duality gap leaves it from certifying the
/// tolerance, and what to do — computed from the data, so "feature scales span 1e0–1e5" is this X's column spread.
/// </summary>
/// <remarks>
/// Every solver here converges more slowly as the columns' scales (and, for dual methods, the rows' norms) spread: the
/// step sizes and curvatures are set by the largest, the progress by the smallest. So a spread of 10² or more is named
/// with the remedy (scale the columns, or normalise rows of counts), and a raised iteration limit is always offered.
/// Runs the caller stopped (cancellation, observer) get no advice.
/// </remarks>
internal static class ConvergenceAdvice
{
    /// <summary>The spread (largest/smallest) from which scales are called out.</summary>
    public const double Spread = 100;

    /// <summary>The advice for a fit stopped for <paramref name="stop"/>, or null when it converged or the caller stopped it.</summary>
    public static string? For(StopReason stop, double objective, double? gap, double tolerance, ILinearMap x)
    {
        if (stop is StopReason.Converged or StopReason.Cancelled or StopReason.StoppedByObserver) return null;
        var text = new List<string>();
        string why = stop switch
        {
            StopReason.MaxIterations => "the iteration limit was reached",
            StopReason.MaxTime => "the time limit was reached",
            StopReason.NoProgress => "the solver could make no further progress at the rounding level of the data",
            StopReason.LineSearchFailed => "the line search found no acceptable step",
            _ => "a non-finite value appeared",
        };
        text.Add(gap is { } g && double.IsFinite(g)
            ? $"Not converged: {why} with the relative duality gap at {Number(g / Math.Max(Math.Abs(objective), double.Epsilon))}, above the tolerance {Number(tolerance)}, so the coefficients are not certified optimal."
            : $"Not converged: {why}, so the coefficients are not certified optimal.");

        (double colLow, double colHigh) = Range(x, columns: true);
        (double rowLow, double rowHigh) = Range(x, columns: false);
        bool columns = colHigh >= Spread * colLow, rows = rowHigh >= Spread * rowLow;
        if (columns)
            text.Add($"Feature scales (column root mean squares) span {Power(colLow)}–{Power(colHigh)}: scale the columns to comparable ranges " +
                "(for example to unit variance, or each divided by its largest absolute value) and fit again.");
        if (rows)
            text.Add($"Row norms span {Power(rowLow)}–{Power(rowHigh)}: for counts (words, histograms) normalise each row to unit length.");
        text.Add(columns || rows
            ? "Or raise the iteration limit (MaxIterations; on the command line --max-iter) or the time limit."
            : "The feature scales are comparable; raise the iteration limit (MaxIterations; on the command line --max-iter) or the time limit, or loosen the tolerance.");
        return string.Join(" ", text);
    }

    /// <summary>Smallest and largest non-zero column root mean square √(‖x_j‖²/n), or row norm.</summary>
    private static (double Low, double High) Range(ILinearMap x, bool columns)
    {
        int count = columns ? x.Columns : x.Rows;
        double divisor = columns ? Ranks.Samples(x) : 1;   // column norms are over every rank's rows
        if (count == 0) return (1, 1);
        var s = new double[count];
        if (columns) x.ColumnSquaredNorms(s);
        else x.RowSquaredNorms(s);
        double low = double.PositiveInfinity, high = 0;
        foreach (double v in s)
            if (v > 0 && double.IsFinite(v))
            {
                double r = Math.Sqrt(v / Math.Max(divisor, 1.0));
                low = Math.Min(low, r);
                high = Math.Max(high, r);
            }
        return high > 0 ? (low, high) : (1, 1);
    }

    private static string Number(double v) =>
        v.ToString(Math.Abs(v) is >= 1e-3 and < 1e3 or 0 ? "G2" : "0.#e+0", CultureInfo.InvariantCulture);

    /// <summary>The power of ten nearest to <paramref name="v"/>, written 1eK.</summary>
    private static string Power(double v) => "1e" + ((int)Math.Round(Math.Log10(v))).ToString(CultureInfo.InvariantCulture);
}
