using System.CommandLine;
using System.Globalization;
using OptSuite.Cli.Bench;
using OptSuite.Data;
using OptSuite.Data.IO;
using OptSuite.LinearAlgebra;
using Spectre.Console;

namespace OptSuite.Cli.Commands;

/// <summary>
/// <c>optsuite bench</c>: runs solvers on one model and data set with traces, against a recorded reference optimum, and
/// writes traces.csv, summary.md, PNG/SVG convergence plots and report.md (benchopt's outputs, in one folder).
/// </summary>
internal static class BenchCommand
{
    private static readonly Option<string> Model = new("--model", "-m") { Description = $"The model: {string.Join(", ", BenchModels.Names)}.", Required = true };
    private static readonly Option<string> Data = new("--data", "-d") { Description = "The data file (svmlight/LIBSVM; .gz/.bz2/.xz decompressed).", Required = true };
    private static readonly Option<string?> Solvers = new("--solvers", "-s") { Description = "Comma-separated solvers: fista, ista, lbfgs, owlqn, newton, cd, dual-cd, ipm (default: every solver that handles the model)." };
    private static readonly Option<double?> Lambda = new("--lambda") { Description = "Penalty strength λ, mean-over-samples convention (default: λ = 1/(n·C) with C = 1)." };
    private static readonly Option<double?> C = new("--C") { Description = "Inverse strength C as in LIBLINEAR/scikit-learn: λ = 1/(n·C)." };
    private static readonly Option<double?> L1Ratio = new("--l1-ratio") { Description = "L1 share α of the elastic-net penalty λ(α‖w‖₁ + (1 − α)/2‖w‖²) (default 0.5)." };
    private static readonly Option<string?> Penalty = new("--penalty") { Description = "l2, l1 or elastic-net (lasso and quantile: l1, elastic-net: elastic-net, others: l2 by default)." };
    private static readonly Option<double?> QuantileLevel = new("--quantile") { Description = "quantile: the level τ ∈ (0, 1) (default 0.5, the median)." };
    private static readonly Option<string> Loss = new("--loss") { Description = "linear-svm loss: hinge or squared-hinge.", DefaultValueFactory = _ => "squared-hinge" };
    private static readonly Option<int?> GroupSize = new("--group-size") { Description = "group-lasso: consecutive features in groups of this size (the last group takes the rest)." };
    private static readonly Option<double> Delta = new("--delta") { Description = "Huber threshold δ.", DefaultValueFactory = _ => 1.0 };
    private static readonly Option<bool> NoIntercept = new("--no-intercept") { Description = "Do not fit an intercept (dual-cd needs this)." };
    private static readonly Option<double> Tol = new("--tol") { Description = "Each solver's stopping tolerance (on its own criterion).", DefaultValueFactory = _ => 1e-10 };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of randomised solvers.", DefaultValueFactory = _ => 0 };
    private static readonly Option<int?> Threads = ThreadsOption.Create("Kernel threads (default: OPTSUITE_THREADS or all cores; at most the logical processors).");
    private static readonly Option<double> MaxTime = new("--max-time") { Description = "Solver-time limit per solver, seconds (tracing excluded).", DefaultValueFactory = _ => 10.0 };
    private static readonly Option<int> MaxIterations = new("--max-iterations") { Description = "Iteration (epoch) limit per solver.", DefaultValueFactory = _ => 100_000 };
    private static readonly Option<double> ReferenceTime = new("--reference-time") { Description = "Time limit of the tight reference solve, seconds.", DefaultValueFactory = _ => 30.0 };
    private static readonly Option<int> TraceEvery = new("--trace-every") { Description = "Record a trace point every N iterations.", DefaultValueFactory = _ => 1 };
    private static readonly Option<string> Backend = new("--backend") { Description = "Linear-algebra backend for the data: auto (OPTSUITE_BACKEND, else MKL when it loads), managed or mkl.", DefaultValueFactory = _ => "auto" };
    private static readonly Option<string?> Out = new("--out", "-o") { Description = "Output folder (default bench-results/MODEL-DATA)." };

    public static Command Create()
    {
        var cmd = new Command("bench", "Benchmark solvers on a model and data set: traces, time-to-accuracy table, convergence plots and a report.");
        foreach (var o in new Option[] { Model, Data, Solvers, Lambda, C, L1Ratio, Penalty, QuantileLevel, Loss, GroupSize, Delta, NoIntercept, Tol, Seed, Threads, MaxTime, MaxIterations, ReferenceTime, TraceEvery, Backend, Out })
            cmd.Options.Add(o);
        Loss.AcceptOnlyFromAmong("hinge", "squared-hinge");
        Backend.AcceptOnlyFromAmong("auto", "managed", "mkl");
        cmd.SetAction(parse => CommandRunner.Run(parse, () => Execute(Settings(parse), parse.GetValue(Threads), parse.GetValue(Backend)!, parse.GetValue(Out))));
        return cmd;
    }

    private static BenchSettings Settings(ParseResult parse)
    {
        string model = parse.GetValue(Model)!.Trim().ToLowerInvariant();
        if (!BenchModels.Names.Contains(model))
            throw new UsageException($"Unknown model '{model}'; models: {string.Join(", ", BenchModels.Names)}.");
        // Numbers were parsed and range-checked by CliNumbers.
        double maxTime = parse.GetValue(MaxTime), refTime = parse.GetValue(ReferenceTime), tol = parse.GetValue(Tol);
        double? quantile = parse.GetValue(QuantileLevel);
        if (quantile is not null && model != "quantile") throw new UsageException($"--quantile applies to --model quantile, not {model}.");
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
            Model = model, DataPath = CliFiles.ResolveData(parse.GetValue(Data)!), Solvers = solvers,
            Lambda = parse.GetValue(Lambda), C = parse.GetValue(C), L1Ratio = parse.GetValue(L1Ratio),
            Penalty = parse.GetValue(Penalty)?.Trim().ToLowerInvariant(), SvmLoss = parse.GetValue(Loss)!, GroupSize = parse.GetValue(GroupSize), HuberDelta = parse.GetValue(Delta),
            Quantile = quantile ?? 0.5,
            FitIntercept = !parse.GetValue(NoIntercept), Tolerance = tol, Seed = parse.GetValue(Seed),
            MaxTime = TimeSpan.FromSeconds(maxTime), ReferenceTime = TimeSpan.FromSeconds(refTime),
            MaxIterations = parse.GetValue(MaxIterations), TraceEvery = parse.GetValue(TraceEvery),
        };
    }

    /// <summary>Loads the data, builds the problem, runs the benchmark and writes the outputs; prints where they are.</summary>
    internal static int Execute(BenchSettings settings, int? threads, string backendName, string? outDir)
    {
        if (threads is { } t) LinearAlgebraSettings.MaxThreads = t;
        CliFiles.RequireInput("--data", settings.DataPath);
        var backend = ResolveBackend(backendName);
        CsrMatrix features;
        BenchProblem problem;
        ILinearMap x;
        if (settings.Model == "multitask-lasso")
        {
            // One task per distinct label value, as `optsuite fit`: the 0/1 indicators of each row's label set.
            var data = PathOptions.RequireRows(SvmlightReader.ReadMultiLabel(settings.DataPath), settings.DataPath);
            features = data.Features;
            x = backend is null ? features : features.WithBackend(backend);
            var tasks = MultiTaskTargets.Tasks(data);
            var y = MultiTaskTargets.Indicators(data, tasks);
            var targets = new double[y.Length];
            Buffer.BlockCopy(y, 0, targets, 0, y.Length * sizeof(double));
            problem = BenchModels.CreateMultiTask(settings, x, targets, tasks.Length);
        }
        else
        {
            var data = PathOptions.RequireRows(CliFiles.ReadSvmlight("--data", settings.DataPath), settings.DataPath);
            features = data.Features;
            x = backend is null ? features : features.WithBackend(backend);
            problem = BenchModels.Create(settings, x, data.Labels);
        }
        if (settings.Solvers.Count == 0) settings = settings with { Solvers = problem.SupportedSolvers };
        foreach (var s in settings.Solvers)
            if (!problem.Supports(s)) throw new UsageException(problem.RefusalMessage(s));

        string stem = DataStem(settings.DataPath);
        string dir = Path.GetFullPath(outDir ?? Path.Combine("bench-results", $"{settings.Model}-{stem}"));
        PrepareOutput(dir, settings.DataPath);
        var output = Console.Out;
        output.WriteLine($"bench: {problem.Description}");
        output.WriteLine($"data: {settings.DataPath} ({features.Rows} × {features.Columns}, {features.NonZeroCount} non-zeros); backend {x.Backend.Kind.ToString().ToLowerInvariant()}, {LinearAlgebraSettings.MaxThreads} thread(s)");

        (ReferenceSolve reference, IReadOnlyList<SolverRun> runs) = Console.IsOutputRedirected
            ? BenchRunner.Run(problem, settings, new PlainProgress(output))
            : RunWithBars(problem, settings);

        var inv = CultureInfo.InvariantCulture;
        var context = new BenchmarkReport.Context($"{settings.Model} on {stem}", problem.Description,
            $"{settings.DataPath} ({features.Rows} samples × {features.Columns} features, {features.NonZeroCount} non-zeros, CSR)",
            reference.Value, reference.Describe(),
            [
                new("solvers", $"{string.Join(", ", settings.Solvers)}, from w = 0, tolerance {ReferenceSolve.Sci(settings.Tolerance)} on each solver's own criterion, at most {settings.MaxIterations} iterations and {settings.MaxTime.TotalSeconds.ToString("G4", inv)} s each, a trace point every {settings.TraceEvery} iteration(s)"),
                new("backend", x.Backend.Description),
                new("machine", $"{Environment.ProcessorCount} logical cores; load average at the end {LoadAverage()}"),
                new("optsuite", $"{InfoCommand.Version()}, {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", inv)} UTC"),
                new("command", "optsuite " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1))),
            ], reference.Warning);
        string report = BenchmarkReport.Write(dir, context, runs);

        output.WriteLine();
        output.WriteLine($"F* = {reference.Value.ToString("R", inv)} ({reference.Describe()})");
        if (reference.Warning is { } warning) output.WriteLine($"warning: {warning}");
        output.Write(BenchmarkReport.SummaryTable(runs, reference.Value));
        output.WriteLine();
        output.WriteLine($"report: {report}");
        output.WriteLine($"plots:  {Path.Combine(dir, BenchmarkReport.TimePlot + ".png")} (and .svg), {Path.Combine(dir, BenchmarkReport.IterationPlot + ".png")} (and .svg)");
        output.WriteLine($"traces: {Path.Combine(dir, BenchmarkReport.Traces)}");
        return ExitCodes.Success;
    }

    /// <summary>Creates the output folder and checks its files can be written and overwrite no input, before any solve.</summary>
    private static void PrepareOutput(string dir, string dataPath)
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
        CliFiles.CheckOutputs(BenchmarkReport.FileNames.Select(f => new CliFiles.Named("--out", Path.Combine(dir, f))), [new("--data", dataPath)]);
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
        string name = Path.GetFileName(path);
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
