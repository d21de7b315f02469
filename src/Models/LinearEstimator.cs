using System.Diagnostics;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Models.Persistence;
using OptSuite.Solvers;

namespace OptSuite.Models;

/// <summary>
/// The common part of every OptSuite estimator: options, the fitted coefficients and intercepts, the fit report, scores
/// and saving. Estimators minimise F(w, b) = (1/Σc_i) Σ_i c_i ℓ(y_i, x_i·w + b) + λ·P(w), the intercept unpenalised.
/// </summary>
/// <remarks>
/// <para><b>Regularisation.</b> Set <see cref="Lambda"/> (λ, the mean-over-samples convention; scikit-learn's alpha for
/// Lasso, ElasticNet and PoissonRegressor) or <see cref="C"/> (LIBLINEAR's and scikit-learn's LogisticRegression /
/// LinearSVC C), not both: C maps to λ = 1/(n·C), n the number of samples (also with sample weights, which are normalised
/// to mean 1). scikit-learn's Ridge(alpha) minimises ‖y − Xw‖² + alpha‖w‖², which is λ = alpha/n here. With neither set
/// each estimator documents its default.</para>
/// <para><b>Solvers.</b> <see cref="SolverKind.Auto"/> (the default) picks the solver for the problem's loss, penalty,
/// intercept and data, and hands a run that stops uncertified to the next sound solver; which solver handles which
/// problem and what Auto picks is written in one place, <see cref="SolverRegistry"/> (docs/models.md, "Solvers"). A solver that
/// cannot handle the problem is an <see cref="UnsupportedSolverException"/> listing the ones that can.</para>
/// <para><b>Stopping.</b> Without a <see cref="Tolerance"/> each solver stops by its default (<see cref="SolverDescriptor.DefaultStopping"/>):
/// its criterion at most 1e-6, except dual coordinate descent on data in memory, which runs until LIBLINEAR's own test
/// holds at its default -e 0.1 and the relative duality gap is at most 1e-3 (LIBLINEAR's accuracy or better, in about
/// LIBLINEAR's epochs; a 1e-6 gap took up to 24 times as many).
/// A given <see cref="Tolerance"/> is each solver's documented criterion: the relative duality gap for
/// coordinate descent, dual coordinate descent and proximal gradient (where the objective has a gap); for L-BFGS and
/// OWL-QN the relative gradient norm and then, where the objective has a gap, the relative gap too (the solver checks
/// it); the certified relative duality gap for the interior-point method. Not converging is reported in <see cref="Report"/>, never thrown.</para>
/// </remarks>
public abstract partial class LinearEstimator
{
    private double[]? _coef;
    private double[] _intercepts = [];

    private protected LinearEstimator() { }

    /// <summary>λ ≥ 0, the regularisation strength (null: use <see cref="C"/> or the estimator's default).</summary>
    public double? Lambda { get; set; }

    /// <summary>C &gt; 0, LIBLINEAR / scikit-learn's inverse strength: λ = 1/(n·C). Null to use <see cref="Lambda"/>.</summary>
    public double? C { get; set; }

    /// <summary>Fit an unpenalised intercept b. Default true.</summary>
    public bool FitIntercept { get; set; } = true;

    /// <summary>The solver. Default <see cref="SolverKind.Auto"/>.</summary>
    public SolverKind Solver { get; set; } = SolverKind.Auto;

    /// <summary>Stopping tolerance on the solver's criterion (see the remarks). Null (default): each solver's default
    /// stop — 1e-6 on its criterion; dual coordinate descent on data in memory LIBLINEAR's test at -e 0.1, then a
    /// relative gap of 1e-3.</summary>
    public double? Tolerance { get; set; }

    /// <summary>Iteration (epoch) limit of the whole fit: every solver Auto hands the problem to
    /// draw on it (one-vs-rest: per binary problem); null for each solver's default (10⁴, 10⁵ for proximal gradient, 500
    /// for the interior-point method and trust-region Newton), which each solver of an Auto hand-over then gets.</summary>
    public int? MaxIterations { get; set; }

    /// <summary>Start the next fit from the current coefficients (ignored by dual coordinate descent, which starts at α = 0).</summary>
    public bool WarmStart { get; set; }

    /// <summary>Seed of the randomised solvers (dual coordinate descent's permutations). Default 0: same seed, same result.</summary>
    public int Seed { get; set; }

    /// <summary>
    /// Threads the linear-algebra kernels may use during the fit (null: <see cref="LinearAlgebraSettings.Threads"/>); a
    /// scope of this fit only (<see cref="LinearAlgebraSettings.UseThreads"/>), so concurrent fits do not interfere. At
    /// least 1; a count above <see cref="LinearAlgebraSettings.AvailableProcessors"/> is cut to it.
    /// </summary>
    public int? Threads { get; set; }

    /// <summary>Observe or stop a fit from another thread; a cancelled fit ends with StopReason.Cancelled.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Wall-time budget of the whole fit — every one-vs-rest problem and every continued solver run
    /// draws on it (a problem that starts with nothing left returns its starting point); a fit that reaches it ends with
    /// StopReason.MaxTime and the best point so far. Null for none.</summary>
    public TimeSpan? MaxTime { get; set; }

    /// <summary>Called after every solver iteration with its progress; return false to stop the fit
    /// (StopReason.StoppedByObserver). Null for none.</summary>
    public Func<IterationReport, bool>? Observer { get; set; }

    /// <summary>
    /// Save the solver's state every <see cref="SolverCheckpoints.Every"/> iterations through
    /// <see cref="SolverCheckpoints.Save"/>, and/or continue a fit from a saved state (<see cref="SolverCheckpoints.Resume"/>:
    /// the fit then runs the checkpoint's solver — with Auto, and its hand-overs after it — counting on from the
    /// checkpoint's iterations). Null (the default) for neither. For fits of one problem (not one-vs-rest), with a solver
    /// that keeps checkpoints (see <see cref="SolverCheckpoint"/>); <c>optsuite fit --checkpoint DIR</c> writes them to files.
    /// </summary>
    public SolverCheckpoints? Checkpoints { get; set; }

    /// <summary>The model's name on the command line and in saved files (e.g. "lasso").</summary>
    public abstract string ModelName { get; }

    /// <summary>Whether the estimator has been fitted (or loaded).</summary>
    public bool IsFitted => _coef is not null;

    /// <summary>p, the number of features seen in fit.</summary>
    public int FeatureCount { get; private set; }

    /// <summary>
    /// How the feature indices of the training data were numbered in their svmlight file (column j is index j, or j + 1),
    /// saved with the model so that prediction files are read the same way; <see cref="SvmlightIndexBase.Auto"/> (the
    /// default) when unknown. A fit from a matrix cannot know it: set it from <see cref="SvmlightDataset.ZeroBasedIndices"/>
    /// (<c>optsuite fit</c> does); fitting leaves it unchanged. Models saved before it was recorded load with Auto.
    /// </summary>
    public SvmlightIndexBase FeatureIndexBase { get; set; }

    /// <summary>
    /// Reader options for prediction data: the model's <see cref="FeatureCount"/> and <see cref="FeatureIndexBase"/>, so a
    /// file is read with the training file's numbering (an index 0 in a one-based model's data, or an index beyond the
    /// model's features, is a <see cref="DataFormatException"/>), never re-detected and silently shifted.
    /// </summary>
    public SvmlightReaderOptions ReaderOptions
    {
        get
        {
            _ = Fitted;
            return new SvmlightReaderOptions { FeatureCount = FeatureCount, IndexBase = FeatureIndexBase };
        }
    }

    /// <summary>m, the number of outputs (1 for regressors and binary classifiers, k for multiclass).</summary>
    public int OutputCount { get; private set; }

    /// <summary>The coefficients (a copy): length p, or row-major p×m (entry [j·m + c]) for m outputs; <see cref="CoefficientMatrix"/>
    /// reads them as a table without copying.</summary>
    public double[] Coefficients => (double[])Fitted.Clone();

    /// <summary>The coefficients as a p × m table (feature, output) over the model's storage, without a copy: for a
    /// multiclass model, <c>CoefficientMatrix[j, c]</c> is feature j's weight for class c.</summary>
    public CoefficientMatrix CoefficientMatrix => new(Fitted, FeatureCount, OutputCount);

    /// <summary>The intercepts (a copy): one per output, zeros when <see cref="FitIntercept"/> is false.</summary>
    public double[] Intercepts { get { _ = Fitted; return (double[])_intercepts.Clone(); } }

    /// <summary>The intercept of a single-output model.</summary>
    public double Intercept
    {
        get
        {
            _ = Fitted;
            if (OutputCount != 1) throw new InvalidOperationException($"The model has {OutputCount} outputs; use Intercepts.");
            return _intercepts[0];
        }
    }

    /// <summary>The number of non-zero coefficients.</summary>
    public int NonZeroCoefficients => Fitted.Count(v => v != 0);

    /// <summary>The last fit's report (null after loading a model saved without one, or before fitting).</summary>
    public FitReport? Report { get; private set; }

    /// <summary>The solver result of the last fit (the first one for one-vs-rest).</summary>
    public SolverResult? Result => Report?.Results.Count > 0 ? Report.Results[0] : null;

    private protected double[] Fitted => _coef ?? throw new InvalidOperationException($"This {GetType().Name} is not fitted; call Fit first.");

    /// <summary>Saves the fitted model as JSON (versioned schema), atomically: a temporary file is written, then renamed.</summary>
    /// <param name="path">The destination file.</param>
    public void Save(string path) => ModelFile.Save(this, path);

    /// <summary>Writes the fitted model's JSON to a stream (flushed, not closed). Not atomic: use <see cref="Save(string)"/> for files.</summary>
    /// <param name="stream">The destination.</param>
    public void Save(Stream stream) => ModelFile.Save(this, stream);

    /// <summary>Loads a model saved by <see cref="Save(string)"/>; an unknown schema version or a malformed file is an error.</summary>
    /// <param name="path">The model file.</param>
    public static LinearEstimator Load(string path) => ModelFile.Load(path);

    /// <summary>Loads a model from a stream holding what <see cref="Save(Stream)"/> writes (read to its end, not closed).</summary>
    /// <param name="stream">The saved model's bytes.</param>
    /// <param name="name">The name errors give for the source (a file name, say); null for "&lt;stream&gt;".</param>
    public static LinearEstimator Load(Stream stream, string? name = null) => ModelFile.Load(stream, name);

    /// <summary>Whether <paramref name="path"/> looks like a saved model rather than a data file: its first significant byte
    /// is '{' (a model is a JSON object; svmlight, CSV and Matrix Market files never start so). Only the start is read.</summary>
    /// <param name="path">An existing file.</param>
    public static bool IsModelFile(string path) => ModelFile.StartsAsModel(path);

    /// <summary>Loads a model and checks its type.</summary>
    /// <typeparam name="TModel">The expected estimator type.</typeparam>
    /// <param name="path">The model file.</param>
    public static TModel Load<TModel>(string path) where TModel : LinearEstimator =>
        ModelFile.Load(path) as TModel ?? throw new InvalidDataException($"{path} holds a {ModelFile.Load(path).GetType().Name}, not a {typeof(TModel).Name}.");

    /// <summary>The raw scores S = XW + b, n×m row-major.</summary>
    /// <remarks>Row-blocked X (a shard dataset) is scored block by block, every output of a block before the next is read:
    /// one pass over the data whatever the number of outputs, one block in memory.</remarks>
    private protected double[] Scores(FeatureMatrix x)
    {
        _ = Fitted;
        ILinearMap a = x.Map;
        if (a.Columns != FeatureCount)
            throw new ArgumentException($"X has {a.Columns} features; the model was fitted on {FeatureCount}.", nameof(x));
        var scores = new double[(long)a.Rows * OutputCount];
        var column = new double[FeatureCount];
        if (a is IRowBlockedMap blocked)
        {
            double[] s = [];
            foreach (RowBlock b in blocked.ReadBlocks())
            {
                if (s.Length < b.Rows.Rows) s = new double[b.Rows.Rows];
                AddScores(b.Rows, b.FirstRow, column, s, scores);
            }
        }
        else AddScores(a, 0, column, new double[a.Rows], scores);
        return scores;
    }

    /// <summary>Writes the scores of <paramref name="rows"/> (rows first … first + rows.Rows − 1 of X) into
    /// <paramref name="scores"/>; <paramref name="column"/> (p) and <paramref name="s"/> (≥ rows.Rows) are scratch.</summary>
    private void AddScores(ILinearMap rows, int first, double[] column, double[] s, double[] scores)
    {
        double[] w = Fitted;
        int n = rows.Rows, m = OutputCount;
        var part = s.AsSpan(0, n);
        for (int c = 0; c < m; c++)
        {
            for (int j = 0; j < column.Length; j++) column[j] = w[j * m + c];
            rows.Apply(column, part);
            for (int i = 0; i < n; i++) scores[(long)(first + i) * m + c] = part[i] + _intercepts[c];
        }
    }

    /// <summary>The λ a fit on <paramref name="samples"/> samples uses: <see cref="Lambda"/>, 1/(n·C) from <see cref="C"/>, or
    /// the model's default; an invalid setting is an exception naming it.</summary>
    /// <param name="samples">n (over every rank when the rows are distributed).</param>
    public double LambdaFor(long samples) => ResolveLambda(samples);

    /// <summary>λ from <see cref="Lambda"/> / <see cref="C"/> / the default, checked.</summary>
    private protected double ResolveLambda(long samples)
    {
        if (Lambda is not null && C is not null)
            throw new ArgumentException($"Set Lambda ({Lambda}) or C ({C}), not both.", nameof(C));
        if (C is { } c)
        {
            if (!(c > 0 && double.IsFinite(c))) throw new ArgumentOutOfRangeException(nameof(C), c, "C must be finite and > 0.");
            double fromC = 1.0 / (samples * c);
            if (!double.IsFinite(fromC))
                throw new ArgumentOutOfRangeException(nameof(C), $"C = {c} is too small for {samples} samples: λ = 1/(n·C) overflows.");
            return fromC;
        }
        double lambda = Lambda ?? DefaultLambda(samples);
        if (!(lambda >= 0 && double.IsFinite(lambda))) throw new ArgumentOutOfRangeException(nameof(Lambda), lambda, "λ must be finite and ≥ 0.");
        return lambda;
    }

    /// <summary>λ when neither Lambda nor C is set: 1/n (C = 1) unless the estimator says otherwise.</summary>
    private protected virtual double DefaultLambda(long samples) => 1.0 / samples;

    /// <summary>Checks the shared options before a fit.</summary>
    private protected void CheckOptions()
    {
        if (Tolerance is { } tolerance && !(tolerance >= 0 && double.IsFinite(tolerance))) throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "The tolerance must be finite and ≥ 0.");
        if (MaxIterations < 0) throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "MaxIterations must be ≥ 0.");
        if (Threads < 1) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be ≥ 1.");
        if (MaxTime < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MaxTime), MaxTime, "MaxTime must be ≥ 0.");
        if (!Enum.IsDefined(Solver)) throw new ArgumentOutOfRangeException(nameof(Solver), Solver, "Not a SolverKind value.");
    }

    /// <summary>
    /// Solves the problems of one fit (one, or one per class for one-vs-rest) with <see cref="Solver"/> resolved by the
    /// solver registry — which refuses a solver that does not handle them, saying why — and, for Auto, the registry's
    /// hand-overs; every problem draws on one time budget (<see cref="MaxTime"/>).
    /// </summary>
    private protected IReadOnlyList<FitOutcome> Run(IReadOnlyList<FitProblem> problems, Func<int, double[]?> start)
    {
        SolverKind resolved = SolverRegistry.Resolve(Solver, problems[0].Traits, ModelName);
        if (Checkpoints is { } checkpoints)
        {
            if (problems.Count > 1)
                throw new NotSupportedException($"Checkpoints are kept for fits of one problem; this {ModelName} fit poses {problems.Count} (one-vs-rest, one per class).");
            if (checkpoints.Resume is { } resume)
            {
                var saved = SolverRegistry.Find(resume.Solver)?.Kind
                    ?? throw new ArgumentException($"The checkpoint names the solver '{resume.Solver}', which is not one of {string.Join(", ", SolverRegistry.Names.Skip(1))}.", nameof(Checkpoints));
                if (Solver != SolverKind.Auto && Solver != saved)
                    throw new ArgumentException($"The checkpoint was taken by '{resume.Solver}'; Solver is '{SolverRegistry.Get(Solver).Name}'. Resume with that solver or Auto.", nameof(Checkpoints));
                resolved = SolverRegistry.Resolve(saved, problems[0].Traits, ModelName);
            }
        }
        var settings = new FitSettings(resolved, Tolerance, MaxIterations, Seed, CancellationToken, MaxTime, Observer)
        {
            HandOvers = Solver == SolverKind.Auto ? SolverRegistry.HandOvers(resolved, problems[0].Traits) : [],
            Checkpoints = Checkpoints,
        };
        var outcomes = new FitOutcome[problems.Count];
        for (int c = 0; c < outcomes.Length; c++) outcomes[c] = SolverRunner.Run(problems[c], settings, start(c));
        return outcomes;
    }

    /// <summary>The warm start (w row-major then b), or null.</summary>
    private protected double[]? StartingPoint(int features, int outputs)
    {
        if (!WarmStart || _coef is null || FeatureCount != features || OutputCount != outputs) return null;
        return FitIntercept ? [.. _coef, .. _intercepts] : (double[])_coef.Clone();
    }

    /// <summary>
    /// Runs <paramref name="solve"/> with the thread setting and the clock, then stores its outcome; when the solve saw
    /// only the columns <paramref name="kept"/> (see <see cref="FittedColumns"/>), its coefficient k is feature kept[k].
    /// The advice on an uncertified fit reads the scales of <paramref name="x"/>, the caller's data.
    /// </summary>
    private protected void Complete(ILinearMap x, int outputs, double lambda, Func<IReadOnlyList<FitOutcome>> solve, int[]? kept = null)
    {
        int features = x.Columns;
        var clock = Stopwatch.StartNew();
        IReadOnlyList<FitOutcome> parts;
        using (LinearAlgebraSettings.UseThreads(Threads ?? LinearAlgebraSettings.Threads)) parts = solve();
        clock.Stop();

        var coef = new double[features * outputs];
        var intercepts = new double[outputs];
        int solved = kept?.Length ?? features;
        if (parts.Count == 1)
        {
            if (kept is null) parts[0].Coefficients.CopyTo(coef, 0);
            else for (int k = 0; k < solved; k++) Array.Copy(parts[0].Coefficients, k * outputs, coef, kept[k] * outputs, outputs);
            if (parts[0].Intercepts.Length == outputs) parts[0].Intercepts.CopyTo(intercepts, 0);
        }
        else
        {
            // One-vs-rest: problem c gives column c.
            for (int c = 0; c < parts.Count; c++)
            {
                for (int k = 0; k < solved; k++) coef[(kept is null ? k : kept[k]) * outputs + c] = parts[c].Coefficients[k];
                if (parts[c].Intercepts.Length == 1) intercepts[c] = parts[c].Intercepts[0];
            }
        }
        StopReason stop = parts.Select(p => p.Result.StopReason).FirstOrDefault(r => r != StopReason.Converged, StopReason.Converged);
        double? gap = parts.All(p => p.Gap is not null) ? parts.Sum(p => p.Gap!.Value) : null;
        double objective = parts.Sum(p => p.Objective);
        Store(coef, intercepts, features, outputs, new FitReport(parts[0].Solver, lambda, objective, gap,
            parts.Sum(p => p.Result.Iterations), stop, clock.Elapsed, parts.Select(p => p.Result).ToArray())
        {
            Advice = ConvergenceAdvice.For(stop, objective, gap, Tolerance ?? SolverSettings.DefaultTolerance, x),
            Stationarity = gap is null && parts.All(p => p.Stationarity is not null) ? parts.Sum(p => p.Stationarity!.Value) : null,
        });
    }

    /// <summary>Sets the fitted state (fit, or load).</summary>
    internal void Store(double[] coefficients, double[] intercepts, int features, int outputs, FitReport? report)
    {
        _coef = coefficients;
        _intercepts = intercepts;
        FeatureCount = features;
        OutputCount = outputs;
        Report = report;
    }

    /// <summary>The estimator-specific options for the saved file (besides the shared ones).</summary>
    internal abstract void WriteOptions(IDictionary<string, object?> options);

    /// <summary>Reads back what <see cref="WriteOptions"/> wrote.</summary>
    internal abstract void ReadOptions(ModelOptionsReader options);
}
