using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Distributed;
using OptSuite.Models;
using OptSuite.MpiHost;
using OptSuite.Solvers;
using OptSuite.Tests.Solvers;
using OptSuite.Tests.Support;
using Xunit.Abstractions;

namespace OptSuite.Tests.Models;

/// <summary>
/// The estimators on rows split across K in-process ranks (<see cref="FeatureMatrix.Distributed"/>): the fit equals the
/// single-process fit of all the rows (objective to 1e-10 relative), every rank ends with the same coefficients bit for
/// bit, λ = 1/(n·C) and the classes are those of all ranks' rows, the scores are over all rows, and Auto picks the
/// distributed solver the registry documents (Newton for smooth L2, covariance-mode CD for the lasso, CoCoA+ for the hinge).
/// </summary>
public class DistributedEstimatorTests(ITestOutputHelper output)
{
    private static Lazy<(CsrMatrix X, double[] Y)> A9a => DistributedSolverTests.A9a;

    private static Lazy<(CsrMatrix X, double[] Y)> Abalone => DistributedSolverTests.Abalone;

    /// <summary>Fits <paramref name="make"/>() on all rows, then on K = 1…4 ranks; returns the K-rank estimators of the last K.</summary>
    private void Agree<TEstimator>(string name, (CsrMatrix X, double[] Y) data, Func<TEstimator> make, Action<TEstimator, FeatureMatrix, double[]> fit,
        Func<TEstimator, FeatureMatrix, double[], double> score, SolverKind? expected = null, double scoreTolerance = 1e-9)
        where TEstimator : LinearEstimator
    {
        var (x, y) = data;
        var single = make();
        // Certified fits on both sides: without a tolerance, dual CD in memory would stop by LIBLINEAR's test instead.
        single.Tolerance ??= SolverSettings.DefaultTolerance;
        fit(single, x, y);
        Assert.Equal(StopReason.Converged, single.Report!.StopReason);
        double singleScore = score(single, x, y);
        for (int k = 1; k <= 4; k++)
        {
            var fits = InProcessCommunicator.Run(k, comm =>
            {
                var (from, to) = SolveScenarios.Range(y.Length, comm.Size, comm.Rank);
                var local = FeatureMatrix.Distributed(x.SliceRows(from, to), comm);
                var e = make();
                fit(e, local, y[from..to]);
                return (Estimator: e, Score: score(e, local, y[from..to]));
            });
            var first = fits[0].Estimator;
            output.WriteLine($"{name}, K = {k}: {first.Report!.Solver}, objective {first.Report.Objective:R} (single {single.Report.Objective:R}), " +
                $"{first.Report.Iterations} iterations, score {fits[0].Score:R} (single {singleScore:R})");
            foreach (var (e, s) in fits)
            {
                Assert.Equal(StopReason.Converged, e.Report!.StopReason);
                Assert.Equal(first.Coefficients, e.Coefficients);   // bit for bit on every rank
                Assert.Equal(first.Intercepts, e.Intercepts);
                Assert.Equal(first.Report.Objective, e.Report.Objective);
                Assert.Equal(fits[0].Score, s);
            }
            if (expected is { } solver) Assert.Equal(solver, first.Report.Solver);
            Assert.Equal(single.Report.Lambda, first.Report.Lambda);   // 1/(n·C) with n over all ranks
            // Both fits are certified to the tolerance, so they agree to twice it (and to 1e-10 when it is tighter).
            Assert.Equal(single.Report.Objective, first.Report.Objective, Math.Max(1e-10, 2 * single.Tolerance.Value) * Math.Abs(single.Report.Objective));
            Assert.Equal(singleScore, fits[0].Score, scoreTolerance);
        }
    }

    [SharedDatasetFact]
    public void LogisticRegressionWithInterceptIsTheSingleProcessFitAndAutoPicksNewton() =>
        Agree("a9a logistic, C = 1, intercept", A9a.Value, () => new LogisticRegression { C = 1, Tolerance = 1e-10 },
            (e, x, y) => e.Fit(x, y), (e, x, y) => e.Score(x, y), SolverKind.Newton, scoreTolerance: 2.0 / 4000);

    [SharedDatasetFact]
    public void LassoIsTheSingleProcessFitByCovarianceModeAcrossRanks() =>
        Agree("abalone lasso, λ = 0.01, intercept", Abalone.Value, () => new Lasso { Lambda = 0.01, Tolerance = 1e-12 },
            (e, x, y) => e.Fit(x, y), (e, x, y) => e.Score(x, y), SolverKind.CoordinateDescent);

    [SharedDatasetFact]
    public void ElasticNetWithWeightsAcrossRanksIsTheSingleProcessFit()
    {
        var (x, y) = Abalone.Value;
        double[] c = Enumerable.Range(0, y.Length).Select(i => 0.5 + i % 3).ToArray();
        var single = new ElasticNet { Lambda = 0.005, L1Ratio = 0.5, Tolerance = 1e-12 }.Fit(x, y, c);
        var fits = InProcessCommunicator.Run(3, comm =>
        {
            var (from, to) = SolveScenarios.Range(y.Length, comm.Size, comm.Rank);
            return new ElasticNet { Lambda = 0.005, L1Ratio = 0.5, Tolerance = 1e-12 }
                .Fit(FeatureMatrix.Distributed(x.SliceRows(from, to), comm), y[from..to], c[from..to]);
        });
        Assert.All(fits, f => Assert.Equal(fits[0].Coefficients, f.Coefficients));
        Assert.Equal(single.Report!.Objective, fits[0].Report!.Objective, 1e-10 * single.Report.Objective);
    }

    [SharedDatasetFact]
    public void HingeSvmRunsByCocoaAcrossRanksToTheSingleProcessOptimum() =>
        Agree("a9a hinge SVM, C = 0.1, no intercept", (BlockDualCoordinateDescentTests.Head(A9a.Value.X, 1000), A9a.Value.Y[..1000]),
            () => new LinearSvm { Loss = SvmLoss.Hinge, C = 0.1, FitIntercept = false, Tolerance = 1e-9, MaxIterations = 200_000 },
            (e, x, y) => e.Fit(x, y), (e, x, y) => e.Score(x, y), SolverKind.DualCoordinateDescent, scoreTolerance: 2.0 / 1000);

    [SharedDatasetFact]
    public void PenalisedBiasAndPoissonScoresAreOverAllRanks()
    {
        Agree("a9a squared-hinge SVM with LIBLINEAR's bias", A9a.Value,
            () => new LinearSvm { Loss = SvmLoss.SquaredHinge, C = 1, InterceptScaling = 1, Tolerance = 1e-10 },
            (e, x, y) => e.Fit(x, y), (e, x, y) => e.Score(x, y), scoreTolerance: 2.0 / 4000);
        var (ax, ay) = Abalone.Value;
        var counts = ay.Select(v => Math.Round(v)).ToArray();
        Agree("abalone rings, Poisson", (ax, counts), () => new PoissonRegressor { Lambda = 1e-3, Tolerance = 1e-10 },
            (e, x, y) => e.Fit(x, y), (e, x, y) => e.Score(x, y), scoreTolerance: 1e-6);
    }

    /// <summary>Each rank holds rows of one or two classes only (text labels; one-vs-rest squared-hinge SVMs): the fit
    /// still has every rank's classes, in the same order on every rank.</summary>
    [Fact]
    public void ClassesAreThoseOfEveryRanksLabels()
    {
        var x = DenseMatrix.FromArray(new double[,] { { 0, 1 }, { 1, 0 }, { 1, 1 }, { 2, 1 }, { 0, 2 }, { 3, 0 } });
        string[] y = ["b", "b", "a", "a", "c", "c"];
        var single = new LinearSvm { C = 10, Tolerance = 1e-10 }.Fit(x, y);
        var fits = InProcessCommunicator.Run(3, comm =>
        {
            int from = 2 * comm.Rank;
            var local = FeatureMatrix.Distributed(SliceDense(x, from, from + 2), comm);
            var e = new LinearSvm { C = 10, Tolerance = 1e-10 }.Fit(local, y[from..(from + 2)]);
            return (e.Classes.Names.ToArray(), e.Coefficients, e.Score(local, y[from..(from + 2)]));
        });
        foreach (var (names, w, score) in fits)
        {
            Assert.Equal(["a", "b", "c"], names);
            Assert.Equal(fits[0].Coefficients, w);
            Assert.Equal(single.Score(x, y), score);
        }
        for (int j = 0; j < single.Coefficients.Length; j++) Assert.Equal(single.Coefficients[j], fits[0].Coefficients[j], 1e-6);
    }

    /// <summary>A column constant over all ranks' rows is left out (collinear with the intercept) on every rank, also when
    /// one rank's rows alone would not show it; a column constant on each rank with different values is kept.</summary>
    [Fact]
    public void ConstantColumnsAreDecidedOverAllRanks()
    {
        var rng = new Random(3);
        int n = 60;
        var values = new double[n, 3];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i, 0] = rng.NextDouble();
            values[i, 1] = 7;                       // constant everywhere: left out
            values[i, 2] = i < n / 2 ? 1 : 2;       // constant on each rank of two, not overall
            y[i] = 2 * values[i, 0] + values[i, 2] + 0.01 * rng.NextDouble();
        }
        var x = DenseMatrix.FromArray(values);
        var single = new Ridge { Lambda = 1e-3, Tolerance = 1e-12 }.Fit(x, y);
        var fits = InProcessCommunicator.Run(2, comm =>
        {
            int from = comm.Rank * n / 2, to = from + n / 2;
            return new Ridge { Lambda = 1e-3, Tolerance = 1e-12 }.Fit(FeatureMatrix.Distributed(SliceDense(x, from, to), comm), y[from..to]);
        });
        Assert.Equal(0.0, fits[0].Coefficients[1]);
        Assert.NotEqual(0.0, fits[0].Coefficients[2]);
        Assert.Equal(fits[0].Coefficients, fits[1].Coefficients);
        Assert.Equal(single.Report!.Objective, fits[0].Report!.Objective, 1e-10 * single.Report.Objective);
        // Each fit's certified gap g bounds its distance to the optimum by √(2g/λ) (the objective is λ-strongly convex in w):
        // column 2 (constant on each half) is nearly the intercept, so the coefficients are pinned only to that bound.
        double bound = Math.Sqrt(2 * Math.Max(single.Report.DualityGap!.Value, 0) / 1e-3)
            + Math.Sqrt(2 * Math.Max(fits[0].Report!.DualityGap!.Value, 0) / 1e-3) + 1e-12;   // a gap at rounding level may print below 0
        for (int j = 0; j < 3; j++) Assert.Equal(single.Coefficients[j], fits[0].Coefficients[j], bound);
        Assert.True(bound < 1e-5, $"the certificates bound the coefficients to {bound:E2} only");
    }

    /// <summary>Coordinate descent on columns cannot run on distributed rows of a non-quadratic loss: the refusal says so
    /// and names the solvers that can; the multinomial loss, which does not reduce across ranks, is refused by name.</summary>
    [Fact]
    public void UnsupportedDistributedProblemsAreRefusedWithTheReason()
    {
        var x = DenseMatrix.FromArray(new double[,] { { 0, 1 }, { 1, 0 }, { 1, 1 }, { 2, 1 } });
        double[] y = [0, 1, 0, 1];
        var errors = InProcessCommunicator.Run(2, comm =>
        {
            var local = FeatureMatrix.Distributed(SliceDense(x, 2 * comm.Rank, 2 * comm.Rank + 2), comm);
            var e = Assert.Throws<UnsupportedSolverException>(() =>
                new LogisticRegression { Solver = SolverKind.CoordinateDescent, Penalty = Penalty.L1 }.Fit(local, y[(2 * comm.Rank)..(2 * comm.Rank + 2)]));
            return e.Message;
        });
        Assert.Contains("split across MPI ranks", errors[0]);
        Assert.Contains("owlqn", errors[0]);
    }

    private static DenseMatrix SliceDense(DenseMatrix x, int from, int to)
    {
        var rows = new double[to - from, x.Columns];
        for (int i = from; i < to; i++)
            for (int j = 0; j < x.Columns; j++) rows[i - from, j] = x[i, j];
        return DenseMatrix.FromArray(rows);
    }
}
