using System.CommandLine;
using System.Globalization;
using OptSuite.Cli.Bench;
using OptSuite.Data;
using OptSuite.Data.IO;
using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Distributed;
using OptSuite.Models;
using Spectre.Console;

namespace OptSuite.Cli.Commands;

/// <summary>
/// <c>optsuite bench</c>: runs solvers on one model and data set with traces, against a recorded reference optimum, and
/// writes traces.csv, summary.md, PNG/SVG convergence plots and report.md (benchopt's outputs, in one folder).
/// </summary>
internal static class BenchCommand
{
    private static readonly ModelArguments ModelOptions = new();
    private static readonly Option<string> Data = new("--data", "-d") { Description = "The data: svmlight/LIBSVM (.gz/.bz2/.xz decompressed), or a shard directory written by 'optsuite convert' (the solvers that work by passes over its shards). Required unless --config." };
    private static readonly Option<string?> Config = new("--config") { Description = "Run a grid from a JSON file instead of one model and data set: datasets × models (with λ or C grids) × solvers, each solver repeated, one combined report (index.md, index.html) with a report per case (docs/models.md, \"Benchmarks\"; example: benchmarks/configs/l1-small.json)." };
    private static readonly Option<int> Repetitions = new("--repetitions") { Description = "Timed runs of each solver; the report gives the minimum and the median and draws the median run.", DefaultValueFactory = _ => 1 };
    private static readonly Option<string?> Solvers = new("--solvers", "-s") { Description = $"Comma-separated solvers: {string.Join(", ", BenchProblem.AllSolvers)} (default: every solver that handles the model's problem)." };
    private static readonly Option<double> Tol = new("--tol") { Description = "Each solver's stopping tolerance (on its own criterion).", DefaultValueFactory = _ => 1e-10 };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of randomised solvers.", DefaultValueFactory = _ => 0 };
    private static readonly Option<int?> Threads = ThreadsOption.Create("Kernel threads (default: OPTSUITE_THREADS or all cores; at most the logical processors).");
    private static readonly Option<double> MaxTime = new("--max-time") { Description = "Solver-time limit per solver, seconds (tracing excluded).", DefaultValueFactory = _ => 10.0 };
    private static readonly Option<int> MaxIterations = new("--max-iterations") { Description = "Iteration (epoch) limit per solver.", DefaultValueFactory = _ => 100_000 };
    private static readonly Option<double> ReferenceTime = new("--reference-time") { Description = "Time limit of the tight reference solve, seconds.", DefaultValueFactory = _ => 30.0 };
    private static readonly Option<int> TraceEvery = new("--trace-every") { Description = "Record a trace point every N iterations (subject to --trace-share).", DefaultValueFactory = _ => 1 };
    private static readonly Option<double> TraceShare = new("--trace-share") { Description = "The largest share of each solver's time its tracing may take: a due trace point is skipped while tracing has cost more than this share of the solver time so far (0.2: at most about 20 % added to the wall time). 0 records every due point.", DefaultValueFactory = _ => 0.2 };
    private static readonly Option<string> Backend = new("--backend") { Description = "Linear-algebra backend for the data: auto (OPTSUITE_BACKEND, else MKL when it loads — managed for a small matrix), managed or mkl.", DefaultValueFactory = _ => "auto" };
    private static readonly Option<string?> Out = new("--out", "-o") { Description = "Output folder (default bench-results/MODEL-DATA)." };
    private static readonly Option<string> XScale = new("--x-scale") { Description = "The plots' x axes: auto (linear, or logarithmic when the solvers' ends span more than two decades), linear or log.", DefaultValueFactory = _ => "auto" };
    private static readonly Option<bool> Distributed = DistributedOptions.Flag();
    private static readonly Option<int?> Ranks = DistributedOptions.RankCount();
    private static readonly Option<string?> Offset = OffsetFile.Create("bench");

    public static Command Create()
    {
        var cmd = new Command("bench", "Benchmark solvers on a model and data set: traces, time-to-accuracy table, convergence plots and a report.");
        foreach (var o in ModelOptions.All.Concat([Data, Config, Solvers, Tol, Seed, Threads, MaxTime, MaxIterations, ReferenceTime, Repetitions, TraceEvery, TraceShare, XScale, Backend, Out, Distributed, Ranks, Offset]))
            cmd.Options.Add(o);
        Backend.AcceptOnlyFromAmong("auto", "managed", "mkl");
        XScale.AcceptOnlyFromAmong("auto", "linear", "log");
        // --model and --data are required unless --config names a grid (checked in the action, as the parser would).
        ModelOptions.Model.Required = false;
        cmd.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            if (parse.GetValue(Config) is { } config) return RunGrid(parse, config);
            if (parse.GetResult(ModelOptions.Model) is null) throw new UsageException("Option '--model' is required (or --config FILE for a grid).");
            if (parse.GetResult(Data) is null) throw new UsageException("Option '--data' is required (or --config FILE for a grid).");
            var (entry, estimator) = ModelOptions.Build(parse);
            estimator.Seed = parse.GetValue(Seed);
            var settings = Settings(parse, entry.Name);
            var ranks = DistributedOptions.Join(parse, Distributed, Ranks, entry.Name, entry.Task == ModelTask.MultiTask);
            return Execute(settings, entry, estimator, parse.GetValue(Threads), parse.GetValue(Backend)!, parse.GetValue(Out), ranks);
        }));
        return cmd;
    }

    private static BenchSettings Settings(ParseResult parse, string model)
    {
        // Numbers were parsed and range-checked by CliNumbers.
        double maxTime = parse.GetValue(MaxTime), refTime = parse.GetValue(ReferenceTime), tol = parse.GetValue(Tol);
        var solvers = new List<string>();
        foreach (var name in (parse.GetValue(Solvers) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string s = name.ToLowerInvariant();
            if (!BenchProblem.AllSolvers.Contains(s))
                throw new UsageException($"Unknown solver '{name}'; solvers: {string.Join(", ", BenchProblem.AllSolvers)}.");
            if (!solvers.Contains(s)) solvers.Add(s);
        }
        return new BenchSettings
        {
            Model = model, DataPath = CliFiles.ResolveData(parse.GetValue(Data)!), OffsetPath = parse.GetValue(Offset), Solvers = solvers, Tolerance = tol, Seed = parse.GetValue(Seed),
            MaxTime = TimeSpan.FromSeconds(maxTime), ReferenceTime = TimeSpan.FromSeconds(refTime),
            MaxIterations = parse.GetValue(MaxIterations), TraceEvery = parse.GetValue(TraceEvery), TraceShare = parse.GetValue(TraceShare),
            XScale = Enum.Parse<AxisScale>(parse.GetValue(XScale)!, ignoreCase: true), Repetitions = parse.GetValue(Repetitions),
        };
    }

    /// <summary>
    /// <c>bench --config FILE</c>: every dataset × model setting of the grid (<see cref="BenchGrid"/>) benchmarked as one
    /// <c>bench</c> call would (its own folder and report), then one combined report over the cases (index.md,
    /// index.html). The grid's options replace the single bench's; --threads, --backend and --out still apply.
    /// </summary>
    private static int RunGrid(ParseResult parse, string configPath)
    {
        foreach (Option o in ModelOptions.All.Concat([Data, Solvers, Tol, MaxTime, MaxIterations, ReferenceTime, Repetitions, TraceEvery, TraceShare, XScale, Distributed, Ranks, Offset]))
            if (parse.GetResult(o) is { Implicit: false })
                throw new UsageException($"--config {configPath} sets the models, data and limits; {o.Name} cannot be given beside it.");
        CliFiles.RequireInput("--config", configPath, "Config");
        var grid = BenchGrid.Read(configPath);
        string root = Path.GetFullPath(parse.GetValue(Out) ?? Path.Combine("bench-results", Path.GetFileNameWithoutExtension(configPath)));
        var caseCommand = new Command("case");
        foreach (var o in ModelOptions.All) caseCommand.Options.Add(o);
        // Every model setting is checked before any solve: a typo in the last case must not cost the first cases' time.
        var settings = grid.Models.Select(tokens =>
        {
            var parsed = caseCommand.Parse(tokens);
            if (parsed.Errors.Count > 0) throw new UsageException($"--config {configPath}: {BenchGrid.Label(tokens)}: {parsed.Errors[0].Message}");
            if (parsed.GetResult(ModelOptions.Model) is null) throw new UsageException($"--config {configPath}: {BenchGrid.Label(tokens)}: no \"model\".");
            ModelOptions.Build(parsed);
            return (Tokens: tokens, Parsed: parsed);
        }).ToList();
        foreach (string d in grid.Datasets) CliData.Require("--config datasets", CliFiles.ResolveData(d));
        var cases = new List<GridReport.Case>();
        int number = 0;
        foreach (string dataset in grid.Datasets)
        {
            string path = CliFiles.ResolveData(dataset);
            foreach (var (tokens, parsed) in settings)
            {
                var (entry, estimator) = ModelOptions.Build(parsed);
                estimator.Seed = grid.Limits.Seed;
                string label = BenchGrid.Label(tokens);
                string dir = Path.Combine(root, BenchGrid.Folder(++number, label, DataStem(path)));
                var caseSettings = grid.Limits with { Model = entry.Name, DataPath = path, Repetitions = grid.Repetitions, Solvers = grid.Solvers };
                Console.Out.WriteLine($"== case {number}: {label} on {DataStem(path)}");
                cases.Add(new GridReport.Case(label, DataStem(path), dir, Bench(caseSettings, entry, estimator, parse.GetValue(Threads), parse.GetValue(Backend)!, dir, null, skipUnsupported: grid.Solvers.Count > 0)));
            }
        }
        var (md, html) = GridReport.Write(root, grid, cases, "optsuite " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)));
        Console.Out.WriteLine();
        Console.Out.WriteLine($"grid report: {md} (and {html})");
        return ExitCodes.Success;
    }

    /// <summary>Loads the data, poses the estimator's problem, runs the benchmark and writes the outputs; prints where they are.
    /// With <paramref name="ranks"/> (<c>--distributed</c>) every rank reads its share and runs every solve; rank 0 alone
    /// prints and writes the outputs.</summary>
    internal static int Execute(BenchSettings settings, ModelEntry entry, LinearEstimator estimator, int? threads, string backendName, string? outDir,
        ICommunicator? ranks = null)
    {
        Bench(settings, entry, estimator, threads, backendName, outDir, ranks);
        return ExitCodes.Success;
    }

    /// <summary>What one benchmark gives the grid's report: the problem, F*, the runs and the refused solvers.</summary>
    internal sealed record Outcome(string Problem, double Reference, IReadOnlyList<SolverRun> Runs, IReadOnlyList<string> Refused, string? Report);

    /// <summary>The body of <see cref="Execute"/>; <paramref name="skipUnsupported"/> (a grid) leaves out, with a note,
    /// the requested solvers that do not handle the problem instead of refusing the run.</summary>
    private static Outcome Bench(BenchSettings settings, ModelEntry entry, LinearEstimator estimator, int? threads, string backendName, string? outDir,
        ICommunicator? ranks, bool skipUnsupported = false)
    {
        if (threads is { } t) LinearAlgebraSettings.MaxThreads = t;
        CliData.Require("--data", settings.DataPath);
        var backend = ResolveBackend(backendName);
        // One task per distinct label value for multitask-lasso, as `optsuite fit`: the 0/1 indicators of each row's label set.
        var data = (entry.Task == ModelTask.Survival && ranks is null ? CliData.ReadSurvival("--data", settings.DataPath, null)
            : ranks is null
            ? CliData.Read("--data", settings.DataPath, labelSets: entry.Task == ModelTask.MultiTask, backend: backend)
            : CliData.ReadPart("--data", settings.DataPath, ranks)).RequireRows();
        bool reports = ranks is null || ranks.Rank == 0;
        ILinearMap x = data.Features;
        if (settings.OffsetPath is not null && estimator.OffsetRefusalReason is { } why) throw new UsageException($"--offset: {why}");
        double[]? offset = settings.OffsetPath is { } offsetPath ? OffsetFile.Read(offsetPath, data) : null;
        FitProblem posed = CliFiles.OnData("--data", settings.DataPath, () => estimator switch
        {
            CoxRegression cox => cox.CreateProblem(data.Matrix, data.Time!, data.Status!, data.Weights),
            MultiTaskLasso m => m.CreateProblem(data.Matrix, MultiTaskTargets.Indicators(data, MultiTaskTargets.Tasks(data)), data.Weights),
            LinearClassifier c => Single(c.CreateProblems(data.Matrix, data.Labels, data.Weights, offset), entry.Name),
            _ => ((LinearRegressor)estimator).CreateProblem(data.Matrix, data.Labels, data.Weights, offset),
        });
        var problem = new BenchProblem(entry.Name, Describe(entry.Name, posed, estimator, data.GlobalRows), posed);
        if (settings.Solvers.Count == 0) settings = settings with { Solvers = problem.SupportedSolvers };
        var refused = settings.Solvers.Where(s => !problem.Supports(s)).ToList();
        if (refused.Count > 0 && !skipUnsupported) throw new UsageException(problem.RefusalMessage(refused[0]));
        settings = settings with { Solvers = settings.Solvers.Except(refused).ToList() };
        if (settings.Solvers.Count == 0) throw new UsageException($"No requested solver handles {problem.Description}: {problem.RefusalMessage(refused[0])}");

        string stem = DataStem(settings.DataPath);
        string dir = Path.GetFullPath(outDir ?? Path.Combine("bench-results", $"{settings.Model}-{stem}"));
        var inputs = CliData.Inputs("--data", settings.DataPath).ToList();
        if (settings.OffsetPath is not null) inputs.Add(new("--offset", settings.OffsetPath));
        if (reports) PrepareOutput(dir, inputs);
        var output = reports ? Console.Out : TextWriter.Null;
        long stored = data.StoredCount;
        if (ranks is not null) stored = ranks.AllReduceSum(stored);
        string where = ranks is null ? data.Storage : $"{data.Storage.Split(", rows ")[0]}, {ranks.Size} MPI ranks";
        output.WriteLine($"bench: {problem.Description}");
        output.WriteLine($"data: {settings.DataPath} ({data.GlobalRows} × {data.Columns}, {stored} non-zeros, {where}); backend {x.Backend.Kind.ToString().ToLowerInvariant()}, {LinearAlgebraSettings.MaxThreads} thread(s)");

        (ReferenceSolve reference, IReadOnlyList<SolverRun> runs) = Console.IsOutputRedirected || !reports
            ? BenchRunner.Run(problem, settings, new PlainProgress(output))
            : RunWithBars(problem, settings);
        if (!reports) return new Outcome(problem.Description, reference.Value, runs, refused, null);

        var inv = CultureInfo.InvariantCulture;
        var context = new BenchmarkReport.Context($"{settings.Model} on {stem}", problem.Description,
            $"{settings.DataPath} ({data.GlobalRows} samples × {data.Columns} features, {stored} non-zeros, {where})",
            reference.Value, reference.Describe(),
            [
                new("solvers", $"{string.Join(", ", settings.Solvers)}, from w = 0, tolerance {ReferenceSolve.Sci(settings.Tolerance)} on each solver's own criterion, at most {settings.MaxIterations} iterations and {settings.MaxTime.TotalSeconds.ToString("G4", inv)} s each, a trace point every {settings.TraceEvery} iteration(s){(settings.TraceShare > 0 ? $" while tracing costs at most {settings.TraceShare.ToString("P0", inv)} of the solver time" : "")}"),
                new("backend", x.Backend.Description),
                new("machine", $"{Environment.ProcessorCount} logical cores; load average at the end {LoadAverage()}" +
                    (ranks is null ? "" : $"; {ranks.Size} MPI ranks (the times are the slowest rank's work plus its waits in all-reduces)")),
                new("optsuite", $"{InfoCommand.Version()}, {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", inv)} UTC"),
                new("command", "optsuite " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1))),
            ], reference.Warning) { XScale = settings.XScale };
        string report = BenchmarkReport.Write(dir, context, runs);

        output.WriteLine();
        output.WriteLine($"F* = {reference.Value.ToString("R", inv)} ({reference.Describe()})");
        if (reference.Warning is { } warning) output.WriteLine($"warning: {warning}");
        output.Write(BenchmarkReport.SummaryTable(runs, reference.Value));
        output.WriteLine();
        output.WriteLine($"report: {report} (and {Path.ChangeExtension(report, ".html")}, the plots embedded)");
        output.WriteLine($"plots:  {Path.Combine(dir, BenchmarkReport.TimePlot + ".png")} (and .svg), {Path.Combine(dir, BenchmarkReport.IterationPlot + ".png")} (and .svg)");
        output.WriteLine($"traces: {Path.Combine(dir, BenchmarkReport.Traces)}");
        return new Outcome(problem.Description, reference.Value, runs, refused.Select(problem.RefusalMessage).ToList(), report);
    }

    /// <summary>The one problem a benchmark runs: one-vs-rest poses one per class, which a convergence plot cannot mix.</summary>
    private static FitProblem Single(IReadOnlyList<FitProblem> problems, string model) => problems.Count == 1 ? problems[0]
        : throw new UsageException($"{model} poses {problems.Count} one-vs-rest problems here (one per class); bench runs one problem: use two classes, or --model multiclass-svm (Crammer–Singer) or multinomial.");

    /// <summary>The objective in words: the model, the loss and penalty, and λ with where it came from.</summary>
    private static string Describe(string model, FitProblem problem, LinearEstimator estimator, long n)
    {
        var inv = CultureInfo.InvariantCulture;
        double lambda = estimator.LambdaFor(n);
        string from = estimator.Lambda is not null ? "" : estimator.C is { } c ? $" (= 1/(n·C), C = {c.ToString("G6", inv)}, n = {n})" : " (the model's default)";
        string bias = problem.BiasScaling is { } b ? $", intercept as a penalised bias feature B = {b.ToString("G6", inv)}" : "";
        return $"{model}: {problem.Traits.Describe()}{bias}, λ = {lambda.ToString("G6", inv)}{from}, {n} × {problem.Traits.Features} fitted, {problem.Traits.Outputs} output(s)";
    }

    /// <summary>Creates the output folder and checks its files can be written and overwrite no input, before any solve.</summary>
    private static void PrepareOutput(string dir, IEnumerable<CliFiles.Named> inputs)
    {
        if (FileStatus.Of(dir).Kind is not FileKind.Missing and not FileKind.Directory)
            throw new UsageException($"--out {dir} exists and is not a directory.");
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out {dir} cannot be created: {(e is UnauthorizedAccessException ? "permission denied." : e.Message)}");
        }
        CliFiles.CheckOutputs(BenchmarkReport.FileNames.Select(f => new CliFiles.Named("--out", Path.Combine(dir, f))), inputs);
    }

    private static (ReferenceSolve, IReadOnlyList<SolverRun>) RunWithBars(BenchProblem problem, BenchSettings settings)
    {
        (ReferenceSolve, IReadOnlyList<SolverRun>) outcome = default;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx => outcome = BenchRunner.Run(problem, settings, new SpectreProgress(ctx)));
        return outcome;
    }

    private static ILinearAlgebraBackend? ResolveBackend(string name) => name switch
    {
        "managed" => LinearAlgebraBackends.Managed,
        "mkl" => LinearAlgebraBackends.TryGetMkl(out var mkl) && mkl is not null ? mkl : throw new UsageException($"--backend mkl: MKL is not available here ({LinearAlgebraBackends.MklStatus})."),
        _ => null,
    };

    private static string DataStem(string path)
    {
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        foreach (var ext in new[] { ".xz", ".gz", ".bz2", ".svm", ".txt", ".libsvm" })
            if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) name = name[..^ext.Length];
        return name;
    }

    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
