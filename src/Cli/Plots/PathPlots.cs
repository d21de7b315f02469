using OptSuite.Models;
using ScottPlot;

namespace OptSuite.Cli.Plots;

/// <summary>The plots of <c>optsuite path</c> (coefficients against λ) and <c>optsuite cv</c> (held-out loss against λ),
/// each written as PNG and SVG, λ on a log axis.</summary>
internal static class PathPlots
{
    private const int Width = 1000, Height = 650, LabelledFeatures = 10;

    /// <summary>One line per feature that is ever non-zero; the <see cref="LabelledFeatures"/> largest are in the legend.</summary>
    public static (string Png, string Svg) Coefficients(string prefix, string title, RegularizationPath path, int featureBase)
    {
        var plot = new Plot();
        double[] x = LogAxis.Log10(path.Points.Select(p => p.Lambda));
        int m = path.OutputCount, p = path.FeatureCount * m;   // multinomial: k lines per feature
        var peak = new double[p];
        foreach (var point in path.Points)
            for (int t = 0; t < point.Indices.Length; t++) peak[point.Indices[t]] = Math.Max(peak[point.Indices[t]], Math.Abs(point.Values[t]));
        int[] active = Enumerable.Range(0, p).Where(j => peak[j] > 0).OrderByDescending(j => peak[j]).ToArray();
        var palette = new ScottPlot.Palettes.Category10();
        for (int r = 0; r < active.Length; r++)   // the legend lists the largest first
        {
            int j = active[r];
            var y = new double[path.Points.Count];
            for (int k = 0; k < y.Length; k++)
            {
                var point = path.Points[k];
                int at = Array.BinarySearch(point.Indices, j);
                y[k] = at >= 0 ? point.Values[at] : 0;
            }
            var line = plot.Add.ScatterLine(x, y, r < LabelledFeatures ? palette.GetColor(r) : Colors.Gray.WithOpacity(0.5));
            line.LineWidth = r < LabelledFeatures ? 2 : 1;
            if (r < LabelledFeatures) line.LegendText = m == 1 ? $"feature {j + featureBase}" : $"feature {j / m + featureBase}, class {path.Classes!.Names[j % m]}";
        }
        plot.Add.HorizontalLine(0, 1, Colors.Black.WithOpacity(0.4));
        plot.Title(title);
        plot.XLabel("λ (log scale)");
        plot.YLabel("coefficient w_j");
        LogAxis.Apply(plot.Axes.Bottom, x);
        if (active.Length > 0) plot.ShowLegend(Alignment.UpperRight);
        if (active.Length > LabelledFeatures) plot.Add.Annotation($"{active.Length} non-zero features; the {LabelledFeatures} largest are labelled", Alignment.LowerRight);
        return Save(plot, prefix);
    }

    /// <summary>Mean held-out loss ± one standard error per λ, with λ_min and λ_1se marked.</summary>
    public static (string Png, string Svg) CrossValidation(string prefix, string title, string lossLabel, CrossValidationResult cv)
    {
        var plot = new Plot();
        double[] x = LogAxis.Log10(cv.Lambdas);
        double[] mean = cv.MeanLoss, se = cv.StandardError.Select(v => double.IsFinite(v) ? v : 0).ToArray();
        var bars = plot.Add.ErrorBar(x, mean, se);
        bars.Color = Colors.Gray;
        var line = plot.Add.Scatter(x, mean, Colors.Red);
        line.LegendText = $"mean over {cv.FoldCount} folds ± 1 s.e.";
        line.MarkerSize = 5;
        var min = plot.Add.VerticalLine(Math.Log10(cv.LambdaMin), 2, Colors.Blue);
        min.LinePattern = LinePattern.Dashed;
        min.LegendText = $"λ_min = {cv.LambdaMin:G4}";
        var oneSe = plot.Add.VerticalLine(Math.Log10(cv.LambdaOneStandardError), 2, Colors.Green);
        oneSe.LinePattern = LinePattern.Dotted;
        oneSe.LegendText = $"λ_1se = {cv.LambdaOneStandardError:G4}";
        plot.Title(title);
        plot.XLabel("λ (log scale)");
        plot.YLabel(lossLabel);
        LogAxis.Apply(plot.Axes.Bottom, x);
        plot.ShowLegend(Alignment.UpperLeft);
        return Save(plot, prefix);
    }

    private static (string Png, string Svg) Save(Plot plot, string prefix)
    {
        plot.Grid.MajorLineColor = Colors.Black.WithOpacity(0.12);
        string png = prefix + ".png", svg = prefix + ".svg";
        PlotFiles.Save(plot, png, svg, Width, Height);
        return (png, svg);
    }
}
