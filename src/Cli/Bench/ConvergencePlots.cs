using ScottPlot;
using ScottPlot.TickGenerators;

namespace OptSuite.Cli.Bench;

/// <summary>Suboptimality-versus-time and -versus-iterations plots (log scales), one line per solver, PNG and SVG.</summary>
internal static class ConvergencePlots
{
    private const int Width = 900, Height = 600;

    /// <summary>Writes {stem}.png and {stem}.svg; returns the two file names.</summary>
    public static (string Png, string Svg) Write(string directory, string stem, string title, IReadOnlyList<SolverRun> runs,
        double reference, bool againstTime)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        bool logX = againstTime;
        for (int r = 0; r < runs.Count; r++)
        {
            var pts = runs[r].Result.Trace;
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (var p in pts)
            {
                double x = againstTime ? p.Seconds : p.Iteration;
                if (logX && !(x > 0)) continue; // log time axis: the start point at t = 0 cannot be drawn
                xs.Add(logX ? Math.Log10(x) : x);
                ys.Add(Math.Log10(Math.Max(Suboptimality.Relative(p.Objective, reference), Suboptimality.Floor)));
            }
            if (xs.Count == 0) continue;
            var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), palette.GetColor(r));
            line.LegendText = runs[r].Solver;
            line.LineWidth = 2;
            line.MarkerSize = xs.Count <= 60 ? 5 : 0;
        }

        plot.Title(title);
        plot.XLabel(againstTime ? "time (s, log scale)" : "iterations");
        plot.YLabel("relative suboptimality (F − F*) / |F*|, log scale");
        plot.Axes.Left.TickGenerator = LogTicks();
        if (logX) plot.Axes.Bottom.TickGenerator = LogTicks();
        plot.ShowLegend(Alignment.UpperRight);
        plot.Grid.MajorLineColor = Colors.Black.WithOpacity(0.12);

        string png = stem + ".png", svg = stem + ".svg";
        plot.SavePng(Path.Combine(directory, png), Width, Height);
        plot.SaveSvg(Path.Combine(directory, svg), Width, Height);
        return (png, svg);
    }

    private static NumericAutomatic LogTicks() => new()
    {
        MinorTickGenerator = new LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = v => $"1e{Math.Round(v):0}",
    };
}
