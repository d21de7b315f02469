using System.Globalization;
using System.Text;
using OptSuite.Data.IO;
using OptSuite.Models;

namespace OptSuite.Cli.Output;

/// <summary>CSV files of paths and cross-validation (invariant culture, round-trip doubles, empty cell for none).</summary>
internal static class PathCsv
{
    /// <summary>One row per λ: index, lambda, nnz, objective, gap, deviance_explained, intercept, iterations, stop_reason, solver, seconds.</summary>
    public static void WritePoints(string file, RegularizationPath path)
    {
        var s = new StringBuilder("index,lambda,nnz,objective,gap,deviance_explained,intercept,iterations,stop_reason,solver,seconds\n");
        for (int k = 0; k < path.Points.Count; k++)
        {
            var p = path.Points[k];
            s.Append(CultureInfo.InvariantCulture, $"{k},{D(p.Lambda)},{p.NonZeroCoefficients},{D(p.Objective)},{D(p.DualityGap)},{D(p.DevianceExplained)},")
             .Append(CultureInfo.InvariantCulture, $"{D(p.Intercept)},{p.Iterations},{p.StopReason},{SolverKindNames.ToName(p.Solver)},{D(p.Elapsed.TotalSeconds)}\n");
        }
        Write(file, s);
    }

    /// <summary>The non-zero coefficients in long form: index, lambda, feature (the data file's feature number), value.</summary>
    public static void WriteCoefficients(string file, RegularizationPath path, int featureBase)
    {
        // A multinomial path has k coefficients per feature (entry j·k + c): a class column names c.
        int m = path.OutputCount;
        var s = new StringBuilder(m == 1 ? "index,lambda,feature,value\n" : "index,lambda,feature,class,value\n");
        for (int k = 0; k < path.Points.Count; k++)
        {
            var p = path.Points[k];
            for (int t = 0; t < p.Indices.Length; t++)
                if (m == 1) s.Append(CultureInfo.InvariantCulture, $"{k},{D(p.Lambda)},{p.Indices[t] + featureBase},{D(p.Values[t])}\n");
                else s.Append(CultureInfo.InvariantCulture, $"{k},{D(p.Lambda)},{p.Indices[t] / m + featureBase},{path.Classes!.Names[p.Indices[t] % m]},{D(p.Values[t])}\n");
        }
        Write(file, s);
    }

    /// <summary>One row per λ: index, lambda, nnz, mean, se, then the held-out loss of every fold.</summary>
    public static void WriteCrossValidation(string file, CrossValidationResult cv)
    {
        var s = new StringBuilder("index,lambda,nnz,mean,se");
        for (int f = 0; f < cv.FoldCount; f++) s.Append(CultureInfo.InvariantCulture, $",fold_{f + 1}");
        s.Append('\n');
        double[] mean = cv.MeanLoss, se = cv.StandardError;
        for (int k = 0; k < mean.Length; k++)
        {
            var p = cv.Path.Points[k];
            s.Append(CultureInfo.InvariantCulture, $"{k},{D(p.Lambda)},{p.NonZeroCoefficients},{D(mean[k])},{D(se[k])}");
            for (int f = 0; f < cv.FoldCount; f++) s.Append(',').Append(D(cv.FoldLoss(f, k)));
            s.Append('\n');
        }
        Write(file, s);
    }

    private static string D(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "";

    private static void Write(string file, StringBuilder s) => AtomicFile.WriteAllText(file, s.ToString());
}
