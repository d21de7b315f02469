using ScottPlot;
using ScottPlot.TickGenerators;

namespace OptSuite.Cli.Bench;

/// <summary>
/// Suboptimality-versus-time and -versus-iterations plots, one line per solver (colour and marker distinct), PNG and SVG.
/// </summary>
/// <remarks>
/// ScottPlot 5 has no log axis as such: the y values are log10-transformed and the axis gets a tick generator that
/// labels integer positions as powers of ten, with minor ticks at log10(2..9). The x axes are linear (seconds from
/// the start, iterations), as benchopt draws them, so the starting point at t = 0 is shown. Values below
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
        double reference, bool againstTime)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        double yMax = double.NegativeInfinity, xMax = 0;
        var legend = new List<LegendItem>();
        for (int r = 0; r < runs.Count; r++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (var p in runs[r].Result.Trace)
            {
                double y = Suboptimality.Plotted(p.Objective, reference);
                if (!double.IsFinite(y)) continue;
                xs.Add(againstTime ? p.Seconds : p.Iteration);
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
        plot.XLabel(againstTime ? "solver time (s), tracing excluded" : "iterations (each solver's own; see the report)");
        plot.YLabel("relative suboptimality (F − F*) / |F*|");
        plot.Axes.Left.TickGenerator = LogTicks();
        if (!double.IsFinite(yMax)) yMax = 0;
        plot.Axes.SetLimitsY(floor - 0.5, Math.Max(Math.Ceiling(yMax) + 0.25, floor + 1));
        plot.Axes.SetLimitsX(0, xMax > 0 ? xMax * 1.03 : 1);
        plot.Legend.ManualItems.AddRange(legend);
        plot.ShowLegend(Edge.Right);
        plot.Grid.MajorLineColor = Colors.Black.WithOpacity(0.15);
        plot.Grid.MinorLineColor = Colors.Black.WithOpacity(0.05);

        string png = stem + ".png", svg = stem + ".svg";
        plot.SavePng(Path.Combine(directory, png), Width, Height);
        plot.SaveSvg(Path.Combine(directory, svg), Width, Height);
        return (png, svg);
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
