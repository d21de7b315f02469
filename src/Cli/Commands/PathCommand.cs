using System.CommandLine;
using OptSuite.Cli.Output;
using OptSuite.Cli.Plots;
using OptSuite.Models;

namespace OptSuite.Cli.Commands;

/// <summary>
/// <c>optsuite path --model M --data FILE|DIR ...</c>: the regularisation path over glmnet's λ grid; writes PREFIX.csv (one
/// row per λ), PREFIX_coef.csv (the non-zero coefficients, long form) and the coefficient plot PREFIX.png/.svg, then a
/// summary (or one JSON line with --json).
/// </summary>
internal static class PathCommand
{
    private static readonly PathOptions Options = new("optsuite-path");

    public static Command Create()
    {
        var cmd = new Command("path", "Fit a lasso, elastic-net or L1-logistic path over a λ grid (warm starts) and plot the coefficients.");
        Options.AddTo(cmd);
        cmd.SetAction(parse => CommandRunner.Run(parse, () => Execute(parse)));
        return cmd;
    }

    private static int Execute(ParseResult parse)
    {
        var estimator = Options.Build(parse);
        string dataPath = CliFiles.ResolveData(parse.GetValue(Options.Data)!);
        CliData.Require("--data", dataPath);
        string prefix = Options.Prefix(parse, CliData.Inputs("--data", dataPath), ".csv", "_coef.csv");
        var data = Options.Read(parse, estimator, "--data", dataPath);
        Options.CheckFeatures(parse, estimator, data);
        double[]? offset = Options.Offsets(parse, data);
        RegularizationPath path = CliFiles.OnData("--data", dataPath, () => estimator switch
        {
            LogisticPath logistic => logistic.Fit(data.Matrix, data.Labels, data.Weights),
            MultinomialPath multinomial => multinomial.Fit(data.Matrix, data.Labels, data.Weights),
            CoxPath cox => cox.Fit(data.Matrix, data.Time!, data.Status!, data.Weights),
            LogLinkPath glm => glm.Fit(data.Matrix, data.Labels, data.Weights, offset),
            LassoPath lasso => lasso.Fit(data.Matrix, data.Labels, data.Weights),
            _ => ((ElasticNetPath)estimator).Fit(data.Matrix, data.Labels, data.Weights),
        });

        // Features are numbered as in the training file; data that do not record it (shards written from C#) by column.
        int featureBase = data.IndexBase == OptSuite.Data.SvmlightIndexBase.OneBased ? 1 : 0;
        string csv = prefix + ".csv", coef = prefix + "_coef.csv";
        PathCsv.WritePoints(csv, path);
        PathCsv.WriteCoefficients(coef, path, featureBase);
        string? png = null, svg = null;
        if (!parse.GetValue(Options.NoPlot))
        {
            string title = $"{Title(path)} path: {Path.GetFileName(dataPath)} (n = {data.Rows}, p = {data.Columns})";
            (png, svg) = PathPlots.Coefficients(prefix, title, path, featureBase);
        }

        var last = path.Points[^1];
        var fields = new List<KeyValuePair<string, object?>>
        {
            new("command", "path"),
            new("model", path.Model),
            new("solver", SolverKindNames.ToName(last.Solver)),
            new("n", data.Rows),
            new("p", data.Columns),
            new("l1_ratio", path.L1Ratio),
            new("fit_intercept", path.FitIntercept),
            new("points", path.Points.Count),
            new("lambda_max", path.LambdaMax),
            new("lambda_min_ratio", path.LambdaMinRatio),
            new("last_lambda", last.Lambda),
            new("termination", path.Termination.ToString()),
            new("converged_points", path.Points.Count(p => p.Converged)),
            new("total_iterations", path.TotalIterations),
            new("max_gap", path.Points.Max(p => p.DualityGap ?? double.NaN)),
            new("nnz_last", last.NonZeroCoefficients),
            new("deviance_explained_last", last.DevianceExplained),
            new("seconds", path.Elapsed.TotalSeconds),
            new("csv", csv),
            new("coef_csv", coef),
            new("png", png),
            new("svg", svg),
        };
        if (parse.GetValue(Options.Json)) Console.WriteLine(JsonLine.Of(fields));
        else KeyValueTable.Write($"path {path.Model}", fields);
        return ExitCodes.Success;
    }

    internal static string Title(RegularizationPath path) => path.Model switch
    {
        "lasso" => "Lasso",
        "elastic-net" => $"Elastic-net (α = {path.L1Ratio:G3})",
        "cox" => path.L1Ratio == 1 ? "L1-Cox" : $"Cox (α = {path.L1Ratio:G3})",
        _ => path.L1Ratio == 1 ? "L1-logistic" : $"Logistic (α = {path.L1Ratio:G3})",
    };
}
