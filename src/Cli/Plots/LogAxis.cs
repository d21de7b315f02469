using ScottPlot;
using ScottPlot.TickGenerators;

namespace OptSuite.Cli.Plots;

/// <summary>A log₁₀ axis drawn on a linear one: data go in as log₁₀(v), tick labels show v itself.</summary>
internal static class LogAxis
{
    public static double[] Log10(IEnumerable<double> values) => values.Select(Math.Log10).ToArray();

    /// <summary>Ticks at powers of ten (with log-spaced minor ticks) when the data span ≥ 2 decades, else automatic.</summary>
    public static void Apply(IAxis axis, double[] logValues)
    {
        double span = logValues.Length == 0 ? 0 : logValues.Max() - logValues.Min();
        axis.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = span >= 2,
            LabelFormatter = v => Label(Math.Pow(10, v)),
        };
    }

    private static string Label(double v) =>
        v >= 1e-3 && v < 1e4 ? v.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)
            : v.ToString("0.##e0", System.Globalization.CultureInfo.InvariantCulture);
}
