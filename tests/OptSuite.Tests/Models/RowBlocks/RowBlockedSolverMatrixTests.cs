using System.Diagnostics;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Models;
using OptSuite.Tests.Support;
using Xunit.Abstractions;

namespace OptSuite.Tests.Models.RowBlocks;

/// <summary>
/// Every model of the registry (and the variants that reach other code: hinge loss with LIBLINEAR's penalised bias, L1
/// logistic, elastic-net Huber, one-vs-rest SVM) × every solver, on data read in row blocks (<see cref="RowBlockedMatrix"/>,
/// 16 rows a block) against the same fit in memory. A pair either fits as in memory — same solver and stop reason, the
/// objective within 1e-10 relative at tolerance 1e-11 (the optimum, certified both ways), or within the solver's own
/// tolerance where its tests use a looser one: OWL-QN and FISTA 1e-8, ISTA 1e-7 (each capped at 3,000 iterations; a
/// capped run must stop at the cap in memory too, with the same iterates), dual coordinate descent 1e-6 (block
/// minimisation on row blocks against the in-memory epochs: two algorithms, each certified); Auto at the looser of its
/// two choices' tolerances — or is refused before solving by the solver registry with its own message, and then only
/// coordinate descent outside covariance mode is refused where memory accepts, saying that X is read in row blocks.
/// Auto fits every pair. Managed backend (the reference): MKL spends ~20–40 µs a call on 16-row blocks.
/// </summary>
public class RowBlockedSolverMatrixTests(ITestOutputHelper output)
{
    private const int RowsPerBlock = 16;

    /// <summary>The managed backend, the reference: MKL spends ~20–40 µs a call on 16-row blocks (measured: OWL-QN, 685
    /// evaluations on 600 × 8 in 38 blocks, 1.0–2.4 s against 34 ms in memory; 67 ms managed); shard-sized blocks amortise it.</summary>
    private static readonly ILinearAlgebraBackend Managed = LinearAlgebraBackends.Managed;

    /// <summary>λ for every model: strong enough that every solver converges in a second (at the default λ = 1/n the
    /// multinomial on iris took ISTA minutes, and at 0.01 Crammer–Singer with its bias column took 9,610 dual epochs in
    /// memory and more than 10⁴ block rounds), weak enough that the penalised models keep non-zeros.</summary>
    private const double Lambda = 0.05;

    private sealed record Config(string Model, ModelSettings Settings, bool Intercept, string Name);

    private static IEnumerable<Config> Configs()
    {
        foreach (var m in ModelRegistry.All)
            foreach (bool intercept in m.Task == ModelTask.Classification ? new[] { true, false } : [true])
                yield return new Config(m.Name, new ModelSettings { GroupSize = m.Name == "group-lasso" ? 2 : null }, intercept,
                    m.Name + (intercept ? "" : " (no intercept)"));
        yield return new Config("linear-svm", new ModelSettings { Loss = SvmLoss.Hinge }, true, "linear-svm hinge (penalised bias)");
        yield return new Config("logistic", new ModelSettings { Penalty = Penalty.L1 }, true, "logistic L1");
        yield return new Config("svr", new ModelSettings { SvrLoss = SvrLoss.SquaredEpsilonInsensitive, InterceptScaling = 1 }, true, "svr squared (penalised bias)");
        yield return new Config("huber", new ModelSettings { Penalty = Penalty.ElasticNet }, true, "huber elastic net");
        yield return new Config("multiclass-svm", new ModelSettings { Multiclass = MulticlassStrategy.OneVsRest }, false, "multiclass-svm ovr");
    }

    private sealed class Data
    {
        public required ILinearMap X { get; init; }
        public double[] Y { get; init; } = [];
        public double[,]? Tasks { get; init; }
        public double[]? Time { get; init; }
        public int[]? Status { get; init; }
    }

    private static readonly Lazy<Data> Regression = new(() =>
    {
        var d = SvmlightReader.Read(DatasetLocator.Find("regression/abalone_scale"));
        const int n = 600;
        var x = d.Features.ToDense();
        var rows = new double[n, x.Columns];
        for (int i = 0; i < n; i++) for (int j = 0; j < x.Columns; j++) rows[i, j] = x[i, j];
        return new Data { X = RandomMatrices.Csr(rows, Managed), Y = d.Labels[..n] };
    });

    private static readonly Lazy<Data> Binary = new(() =>
    {
        var d = SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));
        return new Data { X = d.Features.WithBackend(Managed), Y = d.Labels };
    });

    private static readonly Lazy<Data> Multiclass = new(() =>
    {
        var d = SvmlightReader.Read(DatasetLocator.Find("multiclass/iris.svm"));
        double[] classes = [.. d.Labels.Distinct().Order()];
        var tasks = new double[d.Rows, classes.Length];
        for (int i = 0; i < d.Rows; i++) tasks[i, Array.IndexOf(classes, d.Labels[i])] = 1;
        return new Data { X = d.Features.WithBackend(Managed), Y = d.Labels, Tasks = tasks };
    });

    private static readonly Lazy<Data> Survival = new(() =>
    {
        var d = OptSuite.Tests.Models.CoxRegressionTests.Data();
        var rows = new double[d.Time.Length, d.Features.Columns];
        for (int i = 0; i < rows.GetLength(0); i++) for (int j = 0; j < rows.GetLength(1); j++) rows[i, j] = d.Features[i, j];
        return new Data { X = RandomMatrices.Csr(rows, Managed), Time = d.Time, Status = d.Status };
    });

    private static Data DataFor(ModelEntry m) => m.Task switch
    {
        ModelTask.Survival => Survival.Value,
        ModelTask.Classification => m.Name is "multinomial" or "multiclass-svm" ? Multiclass.Value : Binary.Value,
        ModelTask.MultiTask => Multiclass.Value,
        _ => Regression.Value,
    };

    /// <summary>1e-11, so that two certified fits agree to 1e-10; the first-order and orthant-wise methods, slow to such
    /// precision on the smooth multinomial and Huber problems (minutes), at the looser tolerances their own tests use.</summary>
    private static double Tolerance(string solver) => solver switch
    {
        "ista" => 1e-7,
        "fista" or "owlqn" => 1e-8,
        "dual-cd" => 1e-6,
        _ => 1e-11,
    };

    /// <summary>The tolerance of a pair: its solver's, or for Auto the looser of the two choices (memory and row blocks
    /// may differ: coordinate descent against Newton for L2 logistic, say).</summary>
    private static double Tolerance(string solver, ProblemTraits memory, ProblemTraits blocks) => solver != "auto"
        ? Tolerance(solver)
        : new[] { memory, blocks }.Where(t => SolverRegistry.Supported(t).Count > 0).Select(t => Tolerance(SolverRegistry.Get(SolverRegistry.Auto(t)).Name))
            .DefaultIfEmpty(Tolerance("auto")).Max();

    /// <summary>An iteration cap for ISTA, FISTA and OWL-QN (their own tests cover convergence): where it ends a run
    /// uncertified, both runs must end there with the same objective — the same iterates, read in blocks or not.</summary>
    private static int? Cap(string solver) => solver is "ista" or "fista" or "owlqn" ? 3000 : null;

    /// <summary>The traits of the problem <paramref name="e"/> poses on <paramref name="x"/>.</summary>
    private static ProblemTraits Traits(LinearEstimator e, FeatureMatrix x, Data data) => e switch
    {
        MultiTaskLasso t => t.CreateProblem(x, data.Tasks!).Traits,
        CoxRegression cox => cox.CreateProblem(x, data.Time!, data.Status!).Traits,
        LinearClassifier k => k.CreateProblems(x, data.Y)[0].Traits,
        LinearRegressor r => r.CreateProblem(x, data.Y).Traits,
        _ => throw new InvalidOperationException(e.GetType().Name),
    };

    private static ProblemTraits Traits(Config c, bool blocked)
    {
        var entry = ModelRegistry.Get(c.Model);
        var data = DataFor(entry);
        var e = entry.Create(c.Settings);
        e.FitIntercept = c.Intercept && entry.Task != ModelTask.Survival;   // as the command line: a Cox model has no intercept
        e.Lambda = Lambda;
        return Traits(e, FeatureMatrix.From(blocked ? new RowBlockedMatrix(data.X, RowsPerBlock) : data.X), data);
    }

    /// <summary>A fit's report, or the registry's refusal; and the traits of the problem the fit poses.</summary>
    private static (FitReport? Report, UnsupportedSolverException? Refusal, ProblemTraits Traits) Fit(Config c, string solver, bool blocked,
        double tolerance)
    {
        var entry = ModelRegistry.Get(c.Model);
        var data = DataFor(entry);
        FeatureMatrix x = FeatureMatrix.From(blocked ? new RowBlockedMatrix(data.X, RowsPerBlock) : data.X);
        var e = entry.Create(c.Settings);
        e.FitIntercept = c.Intercept && entry.Task != ModelTask.Survival;
        e.Solver = SolverKindNames.Parse(solver);
        e.Tolerance = tolerance;
        e.Lambda = Lambda;
        e.MaxIterations = Cap(solver);
        ProblemTraits traits = Traits(e, x, data);
        try
        {
            switch (e)
            {
                case MultiTaskLasso t: t.Fit(x, data.Tasks!); break;
                case CoxRegression cox: cox.Fit(x, data.Time!, data.Status!); _ = cox.Score(x, data.Time!, data.Status!); break;
                case LinearClassifier k: k.Fit(x, data.Y); _ = k.Score(x, data.Y); break;
                case LinearRegressor r: r.Fit(x, data.Y); _ = r.Score(x, data.Y); break;
            }
            return (e.Report, null, traits);
        }
        catch (UnsupportedSolverException refusal)
        {
            return (null, refusal, traits);
        }
    }

    [SharedDatasetFact]
    public void EveryModelAndSolverFitsAsInMemoryOrIsRefusedByTheRegistry()
    {
        var failures = new List<string>();
        int fitted = 0, refused = 0;
        var clock = Stopwatch.StartNew();
        foreach (var c in Configs())
            foreach (string solver in SolverRegistry.Names)
            {
                var pairClock = Stopwatch.StartNew();
                // The traits first (a refused solver fits nothing), then both fits at one tolerance.
                double tolerance = Tolerance(solver, Traits(c, blocked: false), Traits(c, blocked: true));
                var memory = Fit(c, solver, blocked: false, tolerance);
                var blocks = Fit(c, solver, blocked: true, tolerance);
                string pair = $"{c.Name} × {solver}";
                Assert.True(blocks.Traits.RowBlocks && !memory.Traits.RowBlocks, pair);
                if (blocks.Report is { } b)
                {
                    fitted++;
                    if (memory.Report is not { } m) { failures.Add($"{pair}: fits on row blocks but memory refuses: {memory.Refusal!.Message}"); continue; }
                    double difference = Math.Abs(b.Objective - m.Objective) / Math.Abs(m.Objective);
                    output.WriteLine($"{pair}: {b.Solver}, F = {b.Objective:R}, rel. difference {difference:E1}, {b.StopReason}, {pairClock.ElapsedMilliseconds} ms");
                    if (difference > Math.Max(1e-10, tolerance) || b.StopReason != m.StopReason || b.Solver != m.Solver && solver != "auto")
                        failures.Add($"{pair}: F = {b.Objective:R} ({b.StopReason}, {b.Solver}) on row blocks, {m.Objective:R} ({m.StopReason}, {m.Solver}) in memory: {difference:E1}");
                    continue;
                }
                refused++;
                var why = blocks.Refusal!;
                var supported = SolverRegistry.Supported(blocks.Traits);
                output.WriteLine($"{pair}: refused: {why.Message}");
                if (supported.Count == 0 || solver == "auto") { failures.Add($"{pair}: no solver on row blocks: {why.Message}"); continue; }
                var kind = SolverKindNames.Parse(solver);
                if (why.Message != SolverRegistry.RefusalMessage(kind, blocks.Traits, c.Model))
                    failures.Add($"{pair}: the refusal is not the registry's message: {why.Message}");
                if (memory.Report is not null && kind != SolverKind.CoordinateDescent)
                    failures.Add($"{pair}: refused on row blocks though it only needs products: {why.Message}");
                if (memory.Report is not null && kind == SolverKind.CoordinateDescent && !why.Message.Contains("row blocks", StringComparison.Ordinal))
                    failures.Add($"{pair}: the refusal does not say that the data are read in row blocks: {why.Message}");
            }
        output.WriteLine($"{fitted} pairs fitted, {refused} refused, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.InRange(fitted, 60, 200);   // not vacuous
    }
}
