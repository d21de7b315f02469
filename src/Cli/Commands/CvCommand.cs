using System.CommandLine;
using OptSuite.Cli.Output;
using OptSuite.Cli.Plots;
using OptSuite.Data;
using OptSuite.Models;

namespace OptSuite.Cli.Commands;

/// <summary>
/// <c>optsuite cv --model M --data FILE|DIR ...</c>: k-fold cross-validation along the path (folds in parallel), λ_min and
/// λ_1se, and the model refitted on all data at the chosen λ; writes PREFIX.csv (mean, standard error and every fold's
/// loss per λ) and the CV plot PREFIX.png/.svg, optionally saves the model, then a summary (or one JSON line).
/// </summary>
internal static class CvCommand
{
    private static readonly PathOptions Options = new("optsuite-cv");
    private static readonly Option<int> Folds = new("--folds", "-k") { Description = "k, the number of folds.", DefaultValueFactory = _ => 5 };
    private static readonly Option<int> CvSeed = new("--cv-seed") { Description = "Seed of the fold assignment (stratified for logistic).", DefaultValueFactory = _ => 0 };
    private static readonly Option<int?> Parallel = new("--parallel") { Description = "Folds fitted at once (default: min(k, processors); 1 for a shard directory); the result does not depend on it." };
    private static readonly Option<string?> Metric = new("--metric") { Description = "Held-out loss: mse (regression, default), deviance (logistic and cox, default), misclassification, or c-index (cox: 1 − Harrell's C)." };
    private static readonly Option<string> Rule = new("--rule") { Description = "Refit at λ_min (min) or λ_1se (1se).", DefaultValueFactory = _ => "min" };
    private static readonly Option<string?> SaveModel = new("--save-model") { Description = "Save the refitted model as JSON (for optsuite predict)." };
    private static readonly Option<string?> Test = new("--test") { Description = "Test data scored with the refitted model (a file or shard directory)." };

    public static Command Create()
    {
        var cmd = new Command("cv", "Cross-validate λ along a lasso, elastic-net or logistic path, refit at λ_min or λ_1se, and plot the CV error.");
        Options.AddTo(cmd);
        Metric.AcceptOnlyFromAmong("mse", "deviance", "misclassification", "c-index");
        Rule.AcceptOnlyFromAmong("min", "1se");
        foreach (Option o in new Option[] { Folds, CvSeed, Parallel, Metric, Rule, SaveModel, Test }) cmd.Options.Add(o);
        cmd.SetAction(parse => CommandRunner.Run(parse, () => Execute(parse)));
        return cmd;
    }

    private static int Execute(ParseResult parse)
    {
        var estimator = Options.Build(parse);
        string dataPath = CliFiles.ResolveData(parse.GetValue(Options.Data)!);
        string? testPath = parse.GetValue(Test) is { } t ? CliFiles.ResolveData(t) : null, saved = parse.GetValue(SaveModel);
        CliData.Require("--data", dataPath);
        if (testPath is not null) CliData.Require("--test", testPath, "Test");
        var train = Options.Read(parse, estimator, "--data", dataPath);
        Options.CheckFeatures(parse, estimator, train);
        CliData? test = testPath is not null ? Options.Read(parse, estimator, "--test", testPath, train) : null;
        double[]? offset = Options.Offsets(parse, train);
        if (offset is not null && test is not null)
            throw new UsageException("--offset with --test: the test rows' offsets are not given; score them with 'optsuite predict --offset'.");
        if (test is not null) CliFiles.RequireRows("--test", testPath!, test.Rows);
        var inputs = CliData.Inputs("--data", dataPath).ToList();
        if (testPath is not null) inputs.AddRange(CliData.Inputs("--test", testPath));
        string prefix = Options.Prefix(parse, inputs, ".csv");
        if (saved is not null) CliFiles.CheckOutputs([new("--save-model", saved)], inputs);
        var options = new CrossValidationOptions
        {
            Folds = parse.GetValue(Folds),
            Seed = parse.GetValue(CvSeed),
            MaxDegreeOfParallelism = parse.GetValue(Parallel),
            Metric = parse.GetValue(Metric) switch
            {
                "mse" => CrossValidationMetric.MeanSquaredError,
                "deviance" => CrossValidationMetric.Deviance,
                "misclassification" => CrossValidationMetric.Misclassification,
                "c-index" => CrossValidationMetric.ConcordanceIndex,
                _ => CrossValidationMetric.Default,
            },
            Rule = parse.GetValue(Rule) == "1se" ? LambdaRule.OneStandardError : LambdaRule.Minimum,
        };
        CrossValidationResult cv = CliFiles.OnData<CrossValidationResult>("--data", dataPath, () => estimator switch
        {
            LogisticPath l => l.CrossValidate(train.Matrix, train.Labels, train.Weights, options),
            MultinomialPath m => m.CrossValidate(train.Matrix, train.Labels, train.Weights, options),
            CoxPath c => c.CrossValidate(train.Matrix, train.Time!, train.Status!, train.Weights, options),
            LogLinkPath glm => glm.CrossValidate(train.Matrix, train.Labels, train.Weights, offset, options),
            LassoPath l => l.CrossValidate(train.Matrix, train.Labels, train.Weights, options),
            _ => ((ElasticNetPath)estimator).CrossValidate(train.Matrix, train.Labels, train.Weights, options),
        });

        string csv = prefix + ".csv";
        PathCsv.WriteCrossValidation(csv, cv);
        string lossLabel = cv.Metric switch
        {
            CrossValidationMetric.MeanSquaredError => "held-out mean squared error",
            CrossValidationMetric.ConcordanceIndex => "held-out 1 − Harrell's C",
            CrossValidationMetric.Deviance when estimator is CoxPath => "held-out partial-likelihood deviance (per event, grouped)",
            CrossValidationMetric.Deviance when estimator is LogLinkPath => $"held-out {estimator.ModelName} deviance (per sample)",
            CrossValidationMetric.Deviance => cv.Path.OutputCount > 1 ? "held-out multinomial deviance (per sample)" : "held-out binomial deviance (per sample)",
            _ => "held-out misclassification rate",
        };
        string? png = null, svg = null;
        if (!parse.GetValue(Options.NoPlot))
        {
            string title = $"{cv.FoldCount}-fold CV, {PathCommand.Title(cv.Path)}: {Path.GetFileName(dataPath)} (n = {train.Rows}, p = {train.Columns})";
            (png, svg) = PathPlots.CrossValidation(prefix, title, lossLabel, cv);
        }
        if (saved is not null) cv.Model.Save(saved);

        var model = cv.Model;
        var report = model.Report!;
        double[] mean = cv.MeanLoss, se = cv.StandardError;
        var fields = new List<KeyValuePair<string, object?>>
        {
            new("command", "cv"),
            new("model", cv.Path.Model),
            new("metric", MetricName(cv.Metric)),
            new("folds", cv.FoldCount),
            new("points", mean.Length),
            new("lambda_min", cv.LambdaMin),
            new("lambda_1se", cv.LambdaOneStandardError),
            new("cv_loss_min", mean[cv.IndexMin]),
            new("cv_se_min", se[cv.IndexMin]),
            new("cv_loss_1se", mean[cv.IndexOneStandardError]),
            new("rule", cv.Rule == LambdaRule.Minimum ? "min" : "1se"),
            new("lambda", cv.ChosenLambda),
            new("solver", SolverKindNames.ToName(report.Solver)),
            new("objective", report.Objective),
            new("gap", report.DualityGap),
            new("stop_reason", report.StopReason.ToString()),
            new("nnz_coef", model.NonZeroCoefficients),
            new("n", train.Rows),
            new("p", train.Columns),
            new("train_score", offset is null ? FitCommand.Score(model, train) : ((LinearRegressor)model).Score(train.Matrix, train.Labels, offset)),
            new("test_score", test is null ? null : FitCommand.Score(model, test)),
            new("score_kind", FitCommand.ScoreName(model)),
            new("seconds", cv.Elapsed.TotalSeconds),
            new("csv", csv),
            new("png", png),
            new("svg", svg),
        };
        if (saved is not null) fields.Add(new("output", saved));
        if (parse.GetValue(Options.Json)) Console.WriteLine(JsonLine.Of(fields));
        else KeyValueTable.Write($"cv {cv.Path.Model}", fields);
        return ExitCodes.Success;
    }

    private static string MetricName(CrossValidationMetric m) => m switch
    {
        CrossValidationMetric.MeanSquaredError => "mse",
        CrossValidationMetric.Deviance => "deviance",
        CrossValidationMetric.ConcordanceIndex => "c-index",
        _ => "misclassification",
    };
}
