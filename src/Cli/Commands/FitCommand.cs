using System.CommandLine;
using OptSuite.Cli.Output;
using OptSuite.Data;
using OptSuite.Models;

namespace OptSuite.Cli.Commands;

/// <summary>
/// <c>optsuite fit --model M --data FILE ...</c>: fits an estimator on svmlight data, prints a summary (or one JSON line
/// last on stdout with <c>--json</c>) and optionally saves the model. λ is the mean-over-samples strength; --C maps to
/// λ = 1/(n·C).
/// </summary>
internal static class FitCommand
{
    internal static readonly string[] ModelNames =
    [
        "ridge", "lasso", "elastic-net", "multitask-lasso", "group-lasso", "logistic", "multinomial", "linear-svm",
        "multiclass-svm", "huber", "poisson", "quantile",
    ];

    private static readonly Option<string> Model = new("--model", "-m") { Description = "The model: " + string.Join(", ", ModelNames) + ".", Required = true };
    private static readonly Option<string> Data = new("--data", "-d") { Description = "Training data (svmlight/LIBSVM; .gz/.bz2/.xz).", Required = true };
    private static readonly Option<string?> Test = new("--test") { Description = "Test data scored with the fitted model (read with the training set's feature count)." };
    private static readonly Option<double?> Lambda = new("--lambda") { Description = "λ, the penalty strength in the mean-over-samples objective (scikit-learn's alpha for lasso/elastic-net/poisson/quantile)." };
    private static readonly Option<double?> CValue = new("--C") { Description = "LIBLINEAR / scikit-learn C; λ = 1/(n·C). Default C = 1 (λ = 1/n), or λ = 1 for lasso, elastic-net, group-lasso, poisson and quantile." };
    private static readonly Option<double?> L1Ratio = new("--l1-ratio") { Description = "α ∈ [0, 1], the L1 share of an elastic-net penalty (implies --penalty elastic-net)." };
    private static readonly Option<string?> PenaltyOption = new("--penalty") { Description = "l2, l1 or elastic-net (logistic, multinomial, linear-svm, huber, poisson, quantile; l1 by default for quantile)." };
    private static readonly Option<string?> Loss = new("--loss") { Description = "hinge or squared-hinge (linear-svm; multiclass-svm with --multiclass ovr). Default squared-hinge." };
    private static readonly Option<string?> Multiclass = new("--multiclass") { Description = "multiclass-svm strategy: crammer-singer (default) or ovr." };
    private static readonly Option<double?> Delta = new("--delta") { Description = "huber: δ where the loss turns linear. Default 1." };
    private static readonly Option<double?> QuantileOption = new("--quantile") { Description = "quantile: the level τ ∈ (0, 1) predicted. Default 0.5 (median)." };
    private static readonly Option<int?> GroupSize = new("--group-size") { Description = "group-lasso: consecutive features per group (the last group may be smaller). Default 1." };
    private static readonly Option<string> SolverOption = new("--solver") { Description = "auto, fista, ista, lbfgs, owlqn, newton (trust-region Newton, L2 only), cd, dual-cd or ipm (interior point, quantile only).", DefaultValueFactory = _ => "auto" };
    private static readonly Option<double?> Tol = new("--tol") { Description = "Stopping tolerance on the solver's criterion (relative duality gap or gradient). Default 1e-6." };
    private static readonly Option<int?> MaxIter = new("--max-iter") { Description = "Iteration (epoch) limit. Default: the solver's (10⁴, 10⁵ for fista/ista, 500 for ipm and newton)." };
    private static readonly Option<double?> InterceptScaling = new("--intercept-scaling") { Description = "linear-svm, multiclass-svm: LIBLINEAR's bias B (-B): the intercept is B·w_B for a penalised constant feature B, which lets the hinge and Crammer–Singer losses fit an intercept with the dual solver." };
    private static readonly Option<bool> NoIntercept = new("--no-intercept") { Description = "Fit no intercept (by default an unpenalised intercept is fitted)." };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of the randomised solvers.", DefaultValueFactory = _ => 0 };
    private static readonly Option<int?> Threads = ThreadsOption.Create("Threads for the linear-algebra kernels (at most the logical processors).");
    private static readonly Option<string?> OutputFile = new("--output", "-o") { Description = "Save the fitted model as JSON to this file." };
    private static readonly Option<bool> Json = new("--json") { Description = "Print one JSON object as the last line of stdout." };

    public static Command Create()
    {
        var cmd = new Command("fit", "Fit a model on svmlight data and report objective, duality gap, iterations, time and scores.");
        Model.AcceptOnlyFromAmong(ModelNames);
        SolverOption.AcceptOnlyFromAmong([.. SolverKindNames.All]);
        PenaltyOption.AcceptOnlyFromAmong("l2", "l1", "elastic-net");
        Loss.AcceptOnlyFromAmong("hinge", "squared-hinge");
        Multiclass.AcceptOnlyFromAmong("crammer-singer", "ovr");
        foreach (Option o in new Option[] { Model, Data, Test, Lambda, CValue, L1Ratio, PenaltyOption, Loss, Multiclass, Delta, QuantileOption,
            GroupSize, SolverOption, Tol, MaxIter, InterceptScaling, NoIntercept, Seed, Threads, OutputFile, Json }) cmd.Options.Add(o);
        cmd.SetAction(parse => CommandRunner.Run(parse, () => Execute(parse)));
        return cmd;
    }

    private static int Execute(ParseResult parse)
    {
        string name = parse.GetValue(Model)!;
        var estimator = Build(name, parse);
        string dataPath = CliFiles.ResolveData(parse.GetValue(Data)!);
        string? testPath = parse.GetValue(Test) is { } t ? CliFiles.ResolveData(t) : null;
        string? output = parse.GetValue(OutputFile);
        CliFiles.RequireInput("--data", dataPath);
        if (testPath is not null) CliFiles.RequireInput("--test", testPath, "Test");
        if (output is not null)
        {
            var inputs = new List<CliFiles.Named> { new("--data", dataPath) };
            if (testPath is not null) inputs.Add(new("--test", testPath));
            CliFiles.CheckOutputs([new("--output", output)], inputs);
        }
        int rows, columns;
        double trainScore, testScore = double.NaN;
        bool hasTest = testPath is not null;
        // The test data is read and checked before the fit, so a bad test file costs no fit.
        if (estimator is MultiTaskLasso mtl)
        {
            // One task per distinct label value: the 0/1 indicators of each row's label set (multi-label "1,3,7" or one label).
            var train = PathOptions.RequireRows(SvmlightReader.ReadMultiLabel(dataPath), dataPath);
            mtl.FeatureIndexBase = Base(train.ZeroBasedIndices);
            var test = testPath is null ? null : SvmlightReader.ReadMultiLabel(testPath, TestOptions(train.Features.Columns, train.ZeroBasedIndices));
            if (test is not null) CliFiles.RequireRows("--test", testPath!, test.Rows);
            var tasks = MultiTaskTargets.Tasks(train);
            var y = MultiTaskTargets.Indicators(train, tasks);
            CliFiles.OnData("--data", dataPath, () => { mtl.Fit(train.Features, y); });
            (rows, columns) = (train.Rows, train.Features.Columns);
            trainScore = mtl.Score(train.Features, y);
            if (test is not null) testScore = mtl.Score(test.Features, MultiTaskTargets.Indicators(test, tasks));
        }
        else
        {
            var train = PathOptions.RequireRows(CliFiles.ReadSvmlight("--data", dataPath), dataPath);
            estimator.FeatureIndexBase = Base(train.ZeroBasedIndices);
            var test = testPath is null ? null : CliFiles.ReadSvmlight("--test", testPath, TestOptions(train.Columns, train.ZeroBasedIndices), "Test");
            if (test is not null) CliFiles.RequireRows("--test", testPath!, test.Rows);
            CliFiles.OnData("--data", dataPath, () => Fit(estimator, train));
            (rows, columns) = (train.Rows, train.Columns);
            trainScore = Score(estimator, train);
            if (test is not null) testScore = CliFiles.OnData("--test", testPath!, () => Score(estimator, test));
        }
        var report = estimator.Report!;
        if (output is not null) estimator.Save(output);

        var fields = new List<KeyValuePair<string, object?>>
        {
            new("model", name),
            new("solver", SolverKindNames.ToName(report.Solver)),
            new("objective", report.Objective),
            new("gap", report.DualityGap),
            new("iterations", report.Iterations),
            new("seconds", report.Elapsed.TotalSeconds),
            new("stop_reason", report.StopReason.ToString()),
            new("n", rows),
            new("p", columns),
            new("nnz_coef", estimator.NonZeroCoefficients),
            new("train_score", trainScore),
            new("test_score", hasTest ? testScore : null),
            new("lambda", report.Lambda),
            new("fit_intercept", estimator.FitIntercept),
            new("score_kind", estimator is LinearClassifier ? "accuracy" : estimator is PoissonRegressor ? "d2_poisson" : "r2"),
        };
        if (estimator is LinearClassifier c) fields.Add(new("classes", c.Classes.Count));
        if (output is not null) fields.Add(new("output", output));
        if (report.Advice is not null) fields.Add(new("advice", report.Advice));
        if (parse.GetValue(Json)) Console.WriteLine(JsonLine.Of(fields));
        else KeyValueTable.Write($"fit {name}", fields);
        return ExitCodes.Success;
    }

    /// <summary>The training file's index base, saved with the model and used for --test and predict.</summary>
    private static SvmlightIndexBase Base(bool zeroBased) => zeroBased ? SvmlightIndexBase.ZeroBased : SvmlightIndexBase.OneBased;

    /// <summary>Test data is read as the training file was: its feature count and index base (what the saved model records).</summary>
    private static SvmlightReaderOptions TestOptions(int features, bool zeroBased) => new() { FeatureCount = features, IndexBase = Base(zeroBased) };

    private static void Fit(LinearEstimator estimator, SvmlightDataset d)
    {
        if (estimator is LinearClassifier c) c.Fit(d.Features, d.Labels);
        else ((LinearRegressor)estimator).Fit(d.Features, d.Labels);
    }

    internal static double Score(LinearEstimator estimator, SvmlightDataset d) => estimator switch
    {
        LinearClassifier c => c.Score(d.Features, d.Labels),
        LinearRegressor r => r.Score(d.Features, d.Labels),
        _ => double.NaN,
    };

    private static LinearEstimator Build(string name, ParseResult parse)
    {
        string? penaltyName = parse.GetValue(PenaltyOption), lossName = parse.GetValue(Loss), multiclass = parse.GetValue(Multiclass);
        double? l1Ratio = parse.GetValue(L1Ratio), delta = parse.GetValue(Delta), quantile = parse.GetValue(QuantileOption);
        int? groupSize = parse.GetValue(GroupSize);
        double? scaling = parse.GetValue(InterceptScaling);
        Penalty? penalty = penaltyName is null ? null : PenaltyNames.Parse(penaltyName);   // null: the model's default (--l1-ratio: elastic net)
        SvmLoss loss = lossName is null ? SvmLoss.SquaredHinge : SvmLossNames.Parse(lossName);

        bool penalised = name is "logistic" or "multinomial" or "linear-svm" or "huber" or "poisson" or "quantile";
        Require(penaltyName is null || penalised, "--penalty", name);
        Require(l1Ratio is null || penalised || name is "elastic-net" or "multitask-lasso", "--l1-ratio", name);
        if (l1Ratio is { } ratio && (penalty is Penalty.L1 or Penalty.L2) && ratio != (penalty == Penalty.L1 ? 1 : 0))
            throw new UsageException($"--l1-ratio applies to --penalty elastic-net, not {penaltyName}; drop one of them.");
        Require(lossName is null || name == "linear-svm" || (name == "multiclass-svm" && multiclass == "ovr"), "--loss", name);
        Require(multiclass is null || name == "multiclass-svm", "--multiclass", name);
        Require(delta is null || name == "huber", "--delta", name);
        Require(quantile is null || name == "quantile", "--quantile", name);
        Require(groupSize is null || name == "group-lasso", "--group-size", name);
        Require(scaling is null || name is "linear-svm" or "multiclass-svm", "--intercept-scaling", name);
        if (scaling is not null && parse.GetValue(NoIntercept)) throw new UsageException("--intercept-scaling asks for an intercept; drop --no-intercept.");

        LinearEstimator e = name switch
        {
            "ridge" => new Ridge(),
            "lasso" => new Lasso(),
            "elastic-net" => new ElasticNet { L1Ratio = l1Ratio ?? 0.5 },
            "group-lasso" => new GroupLasso(),
            "logistic" => new LogisticRegression { L1Ratio = l1Ratio },
            "multinomial" => new LogisticRegression { L1Ratio = l1Ratio, Multinomial = true },
            "linear-svm" => new LinearSvm { Loss = loss, L1Ratio = l1Ratio, InterceptScaling = scaling },
            "multiclass-svm" => new MulticlassSvm { Loss = loss, Strategy = multiclass == "ovr" ? MulticlassStrategy.OneVsRest : MulticlassStrategy.CrammerSinger, InterceptScaling = scaling },
            "huber" => new HuberRegressor { L1Ratio = l1Ratio, Delta = delta ?? 1.0 },
            "poisson" => new PoissonRegressor { L1Ratio = l1Ratio },
            "multitask-lasso" => new MultiTaskLasso { L1Ratio = l1Ratio ?? 1.0 },
            "quantile" => new QuantileRegressor { L1Ratio = l1Ratio, Quantile = quantile ?? 0.5 },
            _ => throw new UsageException($"Unknown model '{name}'."),
        };
        if (e is GroupLasso g) g.GroupSize = groupSize;
        if (penalty is { } p)
        {
            switch (e)
            {
                case LogisticRegression m: m.Penalty = p; break;
                case LinearSvm m: m.Penalty = p; break;
                case HuberRegressor m: m.Penalty = p; break;
                case PoissonRegressor m: m.Penalty = p; break;
                case QuantileRegressor m: m.Penalty = p; break;
            }
        }
        e.Lambda = parse.GetValue(Lambda);
        e.C = parse.GetValue(CValue);
        if (e.Lambda is not null && e.C is not null) throw new UsageException("Give --lambda or --C, not both.");
        e.FitIntercept = !parse.GetValue(NoIntercept);
        e.Solver = SolverKindNames.Parse(parse.GetValue(SolverOption)!);
        if (parse.GetValue(Tol) is { } tol) e.Tolerance = tol;
        e.MaxIterations = parse.GetValue(MaxIter);
        e.Seed = parse.GetValue(Seed);
        e.Threads = parse.GetValue(Threads);
        return e;
    }

    private static void Require(bool ok, string option, string model)
    {
        if (!ok) throw new UsageException($"{option} does not apply to --model {model}.");
    }
}
