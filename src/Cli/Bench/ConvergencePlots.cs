using ScottPlot;
using ScottPlot.TickGenerators;

namespace OptSuite.Cli.Bench;

/// <summary>
/// Suboptimality-versus-time and -versus-iterations plots, one line per solver (colour and marker distinct), PNG and SVG.
/// </summary>
/// <remarks>
/// ScottPlot 5 has no log axis as such: the y values are log10-transformed and the axis gets a tick generator that
/// labels integer positions as powers of ten, with minor ticks at log10(2..9). The x axes are linear (seconds from
/// the start, iterations), as benchopt draws them, so the starting point at t = 0 is shown — except when the solvers'
/// finishing times (or iteration counts) span more than two decades (coordinate descent done in 2 ms, or 12 epochs,
/// beside FISTA's 1 s, or 3,000 steps, would be a vertical line at 0): that axis is then logarithmic too, from half the
/// earliest positive time (iteration), where t = 0 (iteration 0) is drawn. <see cref="AxisScale"/> forces either. Values below
/// <see cref="Suboptimality.Floor"/> are drawn at the floor, marked by a grey line. Lines are solid and told apart by
/// colour and marker: SkiaSharp's SVG canvas cannot draw dash patterns.
/// </remarks>
internal static class ConvergencePlots
{
    private const int Width = 1000, Height = 650;
    private const int MarkersPerLine = 12;

    private static readonly MarkerShape[] Shapes =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.FilledTriangleDown, MarkerShape.Cross,
    ];

    /// <summary>Writes {stem}.png and {stem}.svg; returns the two file names.</summary>
    public static (string Png, string Svg) Write(string directory, string stem, string title, IReadOnlyList<SolverRun> runs,
        double reference, bool againstTime, AxisScale scale = AxisScale.Auto)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        double xFloor = LogFloor(runs, reference, againstTime, scale);
        bool logX = !double.IsNaN(xFloor);
        double yMax = double.NegativeInfinity, xMax = logX ? double.NegativeInfinity : 0;
        var legend = new List<LegendItem>();
        for (int r = 0; r < runs.Count; r++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (var p in runs[r].Result.Trace)
            {
                double y = Suboptimality.Plotted(p.Objective, reference);
                if (!double.IsFinite(y)) continue;
                double x = againstTime ? p.Seconds : p.Iteration;
                xs.Add(logX ? Math.Log10(Math.Max(x, xFloor)) : x);
                ys.Add(Math.Log10(y));
            }
            if (xs.Count == 0) continue;
            yMax = Math.Max(yMax, ys.Max());
            xMax = Math.Max(xMax, xs[^1]);
            var color = palette.GetColor(r);
            var shape = Shapes[r % Shapes.Length];

            var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), color);
            line.LineWidth = 2;

            // A few markers per line (every point would blot out long traces), always including the last.
            var (mx, my) = Thin(xs, ys, MarkersPerLine);
            var marks = plot.Add.ScatterPoints(mx, my, color);
            marks.MarkerShape = shape;
            marks.MarkerSize = 9;

            legend.Add(new LegendItem
            {
                LabelText = runs[r].Solver, LineColor = color, LineWidth = 2,
                MarkerShape = shape, MarkerFillColor = color, MarkerLineColor = color, MarkerSize = 9,
            });
        }

        double floor = Math.Log10(Suboptimality.Floor);
        // Solid: SkiaSharp's SVG canvas cannot draw dash patterns (it prints "Unsupported path effect").
        plot.Add.HorizontalLine(floor, 1.5f, Colors.Gray.WithOpacity(0.6));
        legend.Add(new LegendItem { LabelText = $"floor {Suboptimality.Floor:0e0}", LineColor = Colors.Gray.WithOpacity(0.6), LineWidth = 1.5f });

        plot.Title(title);
        plot.XLabel(againstTime
            ? logX ? "solver time (s, log scale; t = 0 drawn at the left edge), tracing excluded" : "solver time (s), tracing excluded"
            : logX ? "iterations (log scale; iteration 0 drawn at the left edge; each solver's own, see the report)" : "iterations (each solver's own; see the report)");
        plot.YLabel("relative suboptimality (F − F*) / |F*|");
        plot.Axes.Left.TickGenerator = LogTicks();
        if (!double.IsFinite(yMax)) yMax = 0;
        plot.Axes.SetLimitsY(floor - 0.5, Math.Max(Math.Ceiling(yMax) + 0.25, floor + 1));
        if (logX)
        {
            plot.Axes.Bottom.TickGenerator = LogTicks();
            double left = Math.Log10(xFloor);
            plot.Axes.SetLimitsX(left - 0.05, Math.Max(xMax, left + 1) + 0.1);
        }
        else plot.Axes.SetLimitsX(0, xMax > 0 ? xMax * 1.03 : 1);
        plot.Legend.ManualItems.AddRange(legend);
        plot.ShowLegend(Edge.Right);
        plot.Grid.MajorLineColor = Colors.Black.WithOpacity(0.15);
        plot.Grid.MinorLineColor = Colors.Black.WithOpacity(0.05);

        string png = stem + ".png", svg = stem + ".svg";
        Plots.PlotFiles.Save(plot, Path.Combine(directory, png), Path.Combine(directory, svg), Width, Height);
        return (png, svg);
    }

    /// <summary>
    /// Where a logarithmic x axis starts — half the earliest positive trace time (iteration) — when the axis is
    /// logarithmic: always for <see cref="AxisScale.Log"/>, never for <see cref="AxisScale.Linear"/>, and for
    /// <see cref="AxisScale.Auto"/> when the runs' ends (last plotted point of each) span more than a factor 100; NaN for
    /// a linear axis.
    /// </summary>
    internal static double LogFloor(IReadOnlyList<SolverRun> runs, double reference, bool againstTime, AxisScale scale = AxisScale.Auto)
    {
        if (scale == AxisScale.Linear) return double.NaN;
        double first = double.PositiveInfinity, shortest = double.PositiveInfinity, longest = 0;
        foreach (var run in runs)
        {
            double end = double.NaN;
            foreach (var p in run.Result.Trace)
            {
                if (!double.IsFinite(Suboptimality.Plotted(p.Objective, reference))) continue;
                double x = againstTime ? p.Seconds : p.Iteration;
                if (x > 0) first = Math.Min(first, x);
                end = x;
            }
            if (!(end > 0)) continue;
            shortest = Math.Min(shortest, end);
            longest = Math.Max(longest, end);
        }
        if (!double.IsFinite(first)) return double.NaN;
        return scale == AxisScale.Log || longest > 100 * shortest ? first / 2 : double.NaN;
    }

    private static (double[] X, double[] Y) Thin(List<double> xs, List<double> ys, int count)
    {
        if (xs.Count <= count) return (xs.ToArray(), ys.ToArray());
        var mx = new double[count];
        var my = new double[count];
        for (int k = 0; k < count; k++)
        {
            int i = (int)Math.Round((double)k * (xs.Count - 1) / (count - 1));
            mx[k] = xs[i];
            my[k] = ys[i];
        }
        return (mx, my);
    }

    private static NumericAutomatic LogTicks() => new()
    {
        MinorTickGenerator = new LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = v => $"1e{Math.Round(v):0}",
    };
}
