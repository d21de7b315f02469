using System.CommandLine;
using OptSuite.Cli.Output;
using OptSuite.Data;
using OptSuite.Models;

namespace OptSuite.Cli.Commands;

/// <summary>
/// <c>optsuite fit --model M --data FILE|DIR ...</c>: fits an estimator on svmlight data or a shard directory, prints a summary (or one JSON line
/// last on stdout with <c>--json</c>) and optionally saves the model. λ is the mean-over-samples strength; --C maps to
/// λ = 1/(n·C). With <c>--distributed</c> it is one rank of an MPI job (docs/distributed.md).
/// </summary>
internal static class FitCommand
{
    private static readonly ModelArguments ModelOptions = new();
    private static readonly Option<string> Data = new("--data", "-d") { Description = "Training data: svmlight/LIBSVM (.gz/.bz2/.xz), or a shard directory written by 'optsuite convert'.", Required = true };
    private static readonly Option<string?> Test = new("--test") { Description = "Test data scored with the fitted model (a file or shard directory; read with the training set's feature count)." };
    private static readonly Option<string> SolverOption = new("--solver") { Description = "auto, fista, ista, lbfgs, owlqn, newton (trust-region Newton, L2 only), cd, dual-cd or ipm (interior point, quantile only).", DefaultValueFactory = _ => "auto" };
    private static readonly Option<double?> Tol = new("--tol") { Description = "Stopping tolerance on the solver's criterion (relative duality gap or gradient). Default: the solver's stop (docs/models.md, Solvers): 1e-6 on its criterion; dual-cd on data in memory runs until LIBLINEAR's own test holds at -e 0.1 and the relative gap is at most 1e-3." };
    private static readonly Option<int?> MaxIter = new("--max-iter") { Description = "Iteration (epoch) limit. Default: the solver's (10⁴, 10⁵ for fista/ista, 500 for ipm and newton)." };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of the randomised solvers.", DefaultValueFactory = _ => 0 };
    private static readonly Option<int?> Threads = ThreadsOption.Create("Threads for the linear-algebra kernels (at most the logical processors).");
    private static readonly Option<string?> OutputFile = new("--output", "-o") { Description = "Save the fitted model as JSON to this file." };
    private static readonly Option<bool> Json = new("--json") { Description = "Print one JSON object as the last line of stdout." };
    private static readonly Option<bool> SearchC = new("--search-c") { Description = "Classifiers: LIBLINEAR's -C — cross-validate C from LIBLINEAR's start, doubling to 1024 (warm-started), and fit at the first C of best accuracy." };
    private static readonly Option<int> Folds = new("--folds", "-k") { Description = "Folds of --search-c.", DefaultValueFactory = _ => 5 };
    private static readonly Option<bool> Distributed = DistributedOptions.Flag();
    private static readonly Option<int?> Ranks = DistributedOptions.RankCount();
    private static readonly CheckpointOptions Checkpoints = new();
    private static readonly Option<string?> StatusFile = new("--status") { Description = "cox with svmlight data (labels = survival times): the event indicators, one 0 or 1 per line. CSV data carry them in a 'status' column." };
    private static readonly Option<string?> Offset = OffsetFile.Create("fit");
    private static readonly Option<string?> TestOffset = OffsetFile.CreateTest();

    public static Command Create()
    {
        var cmd = new Command("fit", "Fit a model on svmlight data or a shard directory and report objective, duality gap, iterations, time and scores.");
        SolverOption.AcceptOnlyFromAmong([.. SolverKindNames.All]);
        foreach (Option o in ModelOptions.All.Concat([Data, Test, SolverOption, Tol, MaxIter, Seed, Threads, OutputFile, Json, SearchC, Folds, Distributed, Ranks, StatusFile, Offset, TestOffset]).Concat(Checkpoints.All)) cmd.Options.Add(o);
        cmd.SetAction(parse => CommandRunner.Run(parse, () => Execute(parse)));
        return cmd;
    }

    private static int Execute(ParseResult parse)
    {
        var (entry, estimator) = ModelOptions.Build(parse);
        string name = entry.Name;
        estimator.Solver = SolverKindNames.Parse(parse.GetValue(SolverOption)!);
        if (parse.GetValue(Tol) is { } tol) estimator.Tolerance = tol;
        estimator.MaxIterations = parse.GetValue(MaxIter);
        estimator.Seed = parse.GetValue(Seed);
        estimator.Threads = parse.GetValue(Threads);
        bool searchC = parse.GetValue(SearchC);
        if (searchC)
        {
            if (estimator is not LinearClassifier) throw new UsageException($"--search-c applies to classifiers (C search by accuracy), not --model {name}.");
            if (parse.GetValue(ModelOptions.Lambda) is not null || parse.GetValue(ModelOptions.C) is not null)
                throw new UsageException("--search-c chooses C itself; drop --lambda / --C.");
            if (parse.GetValue(Distributed)) throw new UsageException("--search-c does not run across ranks (--distributed).");
            if (parse.GetValue(Offset) is not null) throw new UsageException("--search-c does not carry --offset into its folds; fit with --C (or --lambda) instead.");
        }
        else if (parse.GetResult(Folds) is { Implicit: false }) throw new UsageException("--folds applies to --search-c.");
        string dataPath = CliFiles.ResolveData(parse.GetValue(Data)!);
        string? testPath = parse.GetValue(Test) is { } t ? CliFiles.ResolveData(t) : null;
        string? output = parse.GetValue(OutputFile);
        CliData.Require("--data", dataPath);
        if (testPath is not null) CliData.Require("--test", testPath, "Test");
        if (output is not null)
        {
            var inputs = CliData.Inputs("--data", dataPath).ToList();
            if (testPath is not null) inputs.AddRange(CliData.Inputs("--test", testPath));
            CliFiles.CheckOutputs([new("--output", output)], inputs);
        }
        double testScore = double.NaN;
        bool hasTest = testPath is not null;
        // One task per distinct label value for multitask-lasso: the 0/1 indicators of each row's label set (multi-label "1,3,7" or one label).
        bool multiTask = entry.Task == ModelTask.MultiTask;
        // --distributed: this process is one rank of an MPI job and reads its share of the data; rank 0 reports and saves.
        var ranks = DistributedOptions.Join(parse, Distributed, Ranks, name, multiTask);
        bool survival = entry.Task == ModelTask.Survival;
        if (survival && ranks is not null) throw new UsageException($"--model {name} does not run distributed (its risk sets couple every row).");
        if (!survival && parse.GetValue(StatusFile) is not null) throw new UsageException($"--status applies to --model cox, not {name}.");
        var train = (survival ? CliData.ReadSurvival("--data", dataPath, parse.GetValue(StatusFile))
            : ranks is null ? CliData.Read("--data", dataPath, labelSets: multiTask) : CliData.ReadPart("--data", dataPath, ranks)).RequireRows();
        // The training data's index base is saved with the model and used for --test and predict.
        estimator.FeatureIndexBase = train.IndexBase;
        // The test data is read and checked before the fit, so a bad test file costs no fit.
        var test = testPath is null ? null
            : survival ? CliData.ReadSurvival("--test", testPath, null, train.Shape, "Test")
            : ranks is null ? CliData.Read("--test", testPath, train.Shape, multiTask, what: "Test")
            : CliData.ReadPart("--test", testPath, ranks, train.Shape, what: "Test");
        if (test is not null) CliFiles.RequireRows("--test", testPath!, test.GlobalRows);
        ModelOptions.CheckFeatures(parse, estimator, train.Columns, "--data");
        string? offsetPath = parse.GetValue(Offset);
        string? testOffsetPath = parse.GetValue(TestOffset);
        if (offsetPath is not null && test is not null && testOffsetPath is null)
            throw new UsageException("--offset with --test needs --test-offset FILE, the test rows' offsets (or score the test set with 'optsuite predict --offset').");
        if (testOffsetPath is not null && (offsetPath is null || test is null))
            throw new UsageException("--test-offset goes with --offset and --test: it gives the test rows' offsets.");
        if (offsetPath is not null && estimator.OffsetRefusalReason is { } why) throw new UsageException($"--offset: {why}");
        // With --distributed each rank keeps its own rows' share of the file (the rows it read).
        double[]? offset = offsetPath is null ? null : OffsetFile.Read(offsetPath, train);
        double[]? testOffset = testOffsetPath is null ? null : OffsetFile.Read(testOffsetPath, test!, "--test-offset");
        Checkpoints.Apply(parse, estimator, ModelOptions.All, train, ranks);
        double trainScore;
        CSearchResult<LinearClassifier>? search = null;
        if (searchC)
        {
            search = CliFiles.OnData("--data", dataPath, () => new CSearch().Run((LinearClassifier)estimator, train.Matrix, train.Labels, train.Weights,
                new CrossValidationOptions { Folds = parse.GetValue(Folds), Seed = estimator.Seed }));
            estimator = search.Model;
        }
        if (search is not null)
        {
            trainScore = Score(estimator, train);
            if (test is not null) testScore = CliFiles.OnData("--test", testPath!, () => Score(estimator, test));
        }
        else if (estimator is MultiTaskLasso mtl)
        {
            var tasks = MultiTaskTargets.Tasks(train);
            var y = MultiTaskTargets.Indicators(train, tasks);
            CliFiles.OnData("--data", dataPath, () => { mtl.Fit(train.Matrix, y, train.Weights); });
            trainScore = mtl.Score(train.Matrix, y);
            if (test is not null) testScore = mtl.Score(test.Matrix, MultiTaskTargets.Indicators(test, tasks));
        }
        else
        {
            CliFiles.OnData("--data", dataPath, () => Fit(estimator, train, offset));
            trainScore = Score(estimator, train, offset);
            if (test is not null) testScore = CliFiles.OnData("--test", testPath!, () => Score(estimator, test, testOffset));
        }
        var (rows, columns) = (train.GlobalRows, train.Columns);
        var report = estimator.Report!;
        bool reports = ranks is null || ranks.Rank == 0;   // every rank holds the same model; one writes it
        if (output is not null && reports) estimator.Save(output);

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
            new("score_kind", ScoreName(estimator)),
        };
        // Without a duality gap (a non-convex loss; Cox), the prox-gradient residual certifies a stationary point.
        if (report.Stationarity is { } stationarity) fields.Insert(4, new("stationarity", stationarity));
        if (estimator is LinearClassifier c) fields.Add(new("classes", c.Classes.Count));
        if (search is not null)
        {
            fields.Add(new("best_c", search.BestC));
            fields.Add(new("cv_accuracy", search.BestAccuracy));
            fields.Add(new("c_grid", $"{search.Cs[0]:G6} … {search.Cs[^1]:G6} ({search.Cs.Length} values, {parse.GetValue(Folds)} folds)"));
        }
        if (output is not null) fields.Add(new("output", output));
        if (report.Advice is not null) fields.Add(new("advice", report.Advice));
        if (ranks is not null) fields.Add(new("ranks", ranks.Size));
        if (!reports) return ExitCodes.Success;
        if (parse.GetValue(Json)) Console.WriteLine(JsonLine.Of(fields));
        else KeyValueTable.Write($"fit {name}", fields);
        return ExitCodes.Success;
    }

    private static void Fit(LinearEstimator estimator, CliData d, double[]? offset)
    {
        if (estimator is CoxRegression cox) cox.Fit(d.Matrix, d.Time!, d.Status!, d.Weights);
        else if (estimator is LinearClassifier c) c.Fit(d.Matrix, d.Labels, d.Weights, offset);
        else ((LinearRegressor)estimator).Fit(d.Matrix, d.Labels, d.Weights, offset);
    }

    internal static double Score(LinearEstimator estimator, CliData d, double[]? offset = null) => estimator switch
    {
        LinearClassifier c => offset is null ? c.Score(d.Matrix, d.Labels) : c.Score(d.Matrix, d.Labels, offset),
        LinearRegressor r => offset is null ? r.Score(d.Matrix, d.Labels) : r.Score(d.Matrix, d.Labels, offset),
        CoxRegression cox => cox.Score(d.Matrix, d.Time ?? throw new UsageException($"{d.Option} {d.Path} has no survival times."), d.Status!),
        _ => double.NaN,
    };

    /// <summary>What the estimator's Score measures.</summary>
    internal static string ScoreName(LinearEstimator estimator) => estimator switch
    {
        LinearClassifier c => c.ScoreName,
        LinearRegressor r => r.ScoreName,
        CoxRegression cox => cox.ScoreName,
        _ => "r2",
    };
}
