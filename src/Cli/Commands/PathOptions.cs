using System.CommandLine;
using OptSuite.Data;
using OptSuite.Models;

namespace OptSuite.Cli.Commands;

/// <summary>
/// The options <c>optsuite path</c> and <c>optsuite cv</c> share — the model options of <c>fit</c> that apply to a path,
/// plus the grid — and the reading of the data and the building of the <see cref="LinearPath"/>.
/// </summary>
internal sealed class PathOptions
{
    /// <summary>The models with a regularisation path, from the model registry.</summary>
    public static IReadOnlyList<string> ModelNames { get; } = ModelRegistry.All.Where(m => m.HasPath).Select(m => m.Name).ToArray();

    public readonly Option<string> Model = new("--model", "-m") { Description = $"The model: {string.Join(", ", ModelNames)} (logistic: binary, L1 by default).", Required = true };
    public readonly Option<string> Data = new("--data", "-d") { Description = "Training data: svmlight/LIBSVM (.gz/.bz2/.xz), or a shard directory written by 'optsuite convert'.", Required = true };
    public readonly Option<double?> L1Ratio = new("--l1-ratio") { Description = "α ∈ [0, 1], the L1 share of the penalty (elastic-net: default 0.5; logistic: implies --penalty elastic-net)." };
    public readonly Option<string?> Penalty = new("--penalty") { Description = "logistic: l1 (default), elastic-net or l2 (λ_max then uses glmnet's α = 0.001)." };
    public readonly Option<double?> Power = new("--power") { Description = "tweedie: the power ρ ∈ [1, 2] (paths and CV need a convex log-link loss). Default 1.5." };
    public readonly Option<string?> Offset = OffsetFile.Create("path");
    public readonly Option<int> Length = new("--n-lambda") { Description = "Number of λ values from λ_max down to ε·λ_max.", DefaultValueFactory = _ => 100 };
    public readonly Option<double?> Ratio = new("--lambda-min-ratio") { Description = "ε = λ_min/λ_max. Default 1e-2 when n < p, else 1e-4 (glmnet)." };
    public readonly Option<bool> NoEarlyStop = new("--no-early-stop") { Description = "Solve every λ (by default the path stops when the deviance explained saturates, as glmnet)." };
    public readonly Option<string> Solver = new("--solver") { Description = "auto, fista, ista, lbfgs, owlqn, newton, cd or dual-cd.", DefaultValueFactory = _ => "auto" };
    public readonly Option<double?> Tol = new("--tol") { Description = "Stopping tolerance of every point (relative duality gap for cd). Default 1e-6." };
    public readonly Option<int?> MaxIter = new("--max-iter") { Description = "Iteration (epoch) limit of every point." };
    public readonly Option<bool> NoIntercept = new("--no-intercept") { Description = "Fit no intercept (by default an unpenalised intercept is fitted)." };
    public readonly Option<int> Seed = new("--seed") { Description = "Seed of the randomised solvers.", DefaultValueFactory = _ => 0 };
    public readonly Option<int?> Threads = ThreadsOption.Create("Threads for the linear-algebra kernels (at most the logical processors).");
    public readonly Option<string> Output;
    public readonly Option<bool> NoPlot = new("--no-plot") { Description = "Write the CSV only, no PNG/SVG plot." };
    public readonly Option<bool> Json = new("--json") { Description = "Print one JSON object as the last line of stdout." };
    public readonly Option<string?> StatusFile = new("--status") { Description = "cox with svmlight data (labels = survival times): the event indicators, one 0 or 1 per line. CSV data carry them in a 'status' column." };

    // Model options that paths share with fit, bound the way fit binds them.
    private readonly ModelArguments _model = new();

    public PathOptions(string defaultPrefix)
    {
        Output = new("--output", "-o")
        {
            Description = $"Prefix of the files written: PREFIX.csv, PREFIX.png, PREFIX.svg (default ./{defaultPrefix}).",
            DefaultValueFactory = _ => defaultPrefix,
        };
        Model.AcceptOnlyFromAmong([.. ModelNames]);
        Solver.AcceptOnlyFromAmong([.. SolverKindNames.All]);
        Penalty.AcceptOnlyFromAmong("l1", "elastic-net", "l2");
    }

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { Model, Data, L1Ratio, Penalty, Power, Offset, Length, Ratio, NoEarlyStop, Solver, Tol, MaxIter,
            _model.ClassWeight, _model.PenaltyFactors, _model.Positive, _model.LowerBound, _model.UpperBound, _model.Standardize, _model.Ties,
            NoIntercept, Seed, Threads, Output, NoPlot, Json, StatusFile }) command.Options.Add(o);
    }

    /// <summary>Reads the data of <paramref name="option"/> (a file or a shard directory); test data (<paramref name="like"/>
    /// given) takes the training set's feature count and index base.</summary>
    public static CliData Read(string option, string path, CliData? like = null) => like is null
        ? CliData.Read(option, path).RequireRows()
        : CliData.Read(option, path, like.Shape, what: "Test");

    /// <summary>Reads the data of <paramref name="option"/> for the path of <paramref name="estimator"/>: survival data
    /// (a CSV with time and status columns, or svmlight with --status) for cox, else as <see cref="Read(string, string, CliData?)"/>.</summary>
    public CliData Read(ParseResult parse, LinearPath estimator, string option, string path, CliData? like = null)
    {
        string? status = parse.GetValue(StatusFile);
        if (estimator is not CoxPath)
            return status is null ? Read(option, path, like) : throw new UsageException($"--status applies to --model cox, not {estimator.ModelName}.");
        return like is null ? CliData.ReadSurvival(option, path, status).RequireRows() : CliData.ReadSurvival(option, path, null, like.Shape, "Test");
    }

    /// <summary>Requires the --penalty-factors file (if given) to hold one factor per feature of the training data.</summary>
    public void CheckFeatures(ParseResult parse, LinearPath path, CliData data) => _model.CheckFeatures(parse, path.PenaltyFactors, data.Columns, "--data");

    /// <summary>The --offset file's values for <paramref name="data"/>, or null.</summary>
    public double[]? Offsets(ParseResult parse, CliData data) =>
        parse.GetValue(Offset) is { } file ? OffsetFile.Read(file, data) : null;

    public LinearPath Build(ParseResult parse)
    {
        var entry = ModelRegistry.Get(parse.GetValue(Model)!);
        string? penalty = parse.GetValue(Penalty);
        _model.CheckBounds(parse);
        var model = _model.Settings(parse);
        // The registry's pathOptions say which path takes which of these; the others are refused there, by name.
        var path = entry.CreatePath(new ModelSettings
        {
            Penalty = penalty is null ? null : PenaltyNames.Parse(penalty),
            L1Ratio = parse.GetValue(L1Ratio),
            ClassWeight = model.ClassWeight,
            Ties = model.Ties,
            Power = parse.GetValue(Power),
            PenaltyFactors = model.PenaltyFactors,
            Positive = model.Positive,
            LowerBound = model.LowerBound,
            UpperBound = model.UpperBound,
            Standardize = model.Standardize,
        });
        if (parse.GetValue(Offset) is not null && path is not LogLinkPath)
            throw new UsageException($"--offset: the {path.ModelName} path takes no offsets (poisson, gamma and tweedie do).");
        path.PathLength = parse.GetValue(Length);
        path.LambdaMinRatio = parse.GetValue(Ratio);
        path.StopEarly = !parse.GetValue(NoEarlyStop);
        path.FitIntercept = !parse.GetValue(NoIntercept) && entry.Task != ModelTask.Survival;
        path.Solver = SolverKindNames.Parse(parse.GetValue(Solver)!);
        if (parse.GetValue(Tol) is { } tol) path.Tolerance = tol;
        path.MaxIterations = parse.GetValue(MaxIter);
        path.Seed = parse.GetValue(Seed);
        path.Threads = parse.GetValue(Threads);
        return path;
    }

    /// <summary>
    /// The files PREFIX + each suffix (plus PREFIX.png and .svg unless --no-plot), checked before any fit: the prefix's
    /// directory is created, and the files must be writable and none of <paramref name="inputs"/>.
    /// </summary>
    public string Prefix(ParseResult parse, IEnumerable<CliFiles.Named> inputs, params string[] suffixes)
    {
        string prefix = parse.GetValue(Output)!;
        string? dir = Path.GetDirectoryName(Path.GetFullPath(prefix));
        try
        {
            if (dir is not null) Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--output {prefix}: the directory {dir} cannot be created: {(e is UnauthorizedAccessException ? "permission denied." : e.Message)}");
        }
        var files = suffixes.Concat(parse.GetValue(NoPlot) ? [] : [".png", ".svg"]);
        CliFiles.CheckOutputs(files.Select(s => new CliFiles.Named("--output", prefix + s)), inputs);
        return prefix;
    }
}
