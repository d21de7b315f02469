using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Solvers;
using OptSuite.Prox.Regularizers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Solvers;

/// <summary>
/// Support vector regression's dual coordinate step (Ho &amp; Lin 2012): the closed form against a brute-force 1-D
/// minimisation, the solver's gap certificate at exit, agreement with the primal solvers, sample weights.
/// </summary>
public class SvrDualCoordinateTests
{
    /// <summary>min over [−U, U] of ½h(z − β)² + g(z − β) + ε|z| by golden-section search on a fine bracket.</summary>
    private static double BruteForce(double beta, double g, double h, double epsilon, double upper)
    {
        double F(double z) => 0.5 * h * (z - beta) * (z - beta) + g * (z - beta) + epsilon * Math.Abs(z);
        double lo = double.IsFinite(upper) ? -upper : -1e4, hi = double.IsFinite(upper) ? upper : 1e4;
        // A grid first (the function is convex, so the grid's best cell brackets the minimum), then golden sections.
        int cells = 20_000;
        double best = lo, bestValue = F(lo);
        for (int k = 1; k <= cells; k++)
        {
            double z = lo + (hi - lo) * k / cells;
            if (F(z) < bestValue) { best = z; bestValue = F(z); }
        }
        double step = (hi - lo) / cells, a = Math.Max(lo, best - step), b = Math.Min(hi, best + step);
        double phi = (Math.Sqrt(5) - 1) / 2;
        for (int k = 0; k < 200; k++)
        {
            double c = b - phi * (b - a), d = a + phi * (b - a);
            if (F(c) <= F(d)) b = d; else a = c;
        }
        double mid = 0.5 * (a + b);
        foreach (double z in new[] { lo, hi, 0.0 })
            if (z >= lo && z <= hi && F(z) < F(mid)) mid = z;
        return mid;
    }

    public static TheoryData<double, double, double, double, double> Subproblems() => new()
    {
        // β, g, h, ε, U: interior on either side, stuck at 0 by ε, both box edges, an unbounded box, a linear (h = 0) one.
        { 0.0, -2.0, 1.5, 0.5, 10 },
        { 0.0, 2.0, 1.5, 0.5, 10 },
        { 0.3, 0.1, 2.0, 0.4, 1 },
        { -0.3, -0.1, 2.0, 0.4, 1 },
        { 0.9, -5.0, 1.0, 0.1, 1 },
        { -0.9, 5.0, 1.0, 0.1, 1 },
        { 0.5, 0.2, 0.7, 0.0, 2 },
        { 2.0, 3.0, 1.25, 0.3, double.PositiveInfinity },
        { -1.0, -4.0, 0.5, 0.3, double.PositiveInfinity },
        { 0.0, -0.7, 0.0, 0.3, 0.8 },
        { 0.0, 0.2, 0.0, 0.3, 0.8 },
        { 0.4, 0.7, 0.0, 0.3, 0.8 },
    };

    [Theory]
    [MemberData(nameof(Subproblems))]
    public void TheClosedFormIsTheOneDimensionalMinimiser(double beta, double g, double h, double epsilon, double upper)
    {
        double z = SvrDualCoordinate.Step(beta, g, h, epsilon, upper);
        double brute = BruteForce(beta, g, h, epsilon, upper);
        Assert.True(Math.Abs(z - brute) <= 1e-6 * Math.Max(1, Math.Abs(brute)), $"closed form {z:R}, brute force {brute:R}");
        // At the new point the coordinate's optimality condition holds: no violation left.
        double gz = g + h * (z - beta);
        Assert.Equal(0, SvrDualCoordinate.Violation(z, gz, epsilon, upper, double.PositiveInfinity, out _), 12);
    }

    [Fact]
    public void TheLossesAskForTheStepWithTheirEpsilon()
    {
        Assert.Equal(DualCoordinateStep.EpsilonInsensitive(1, 0, 0.25), new EpsilonInsensitiveLoss(0.25).DualStep);
        Assert.Equal(DualCoordinateStep.EpsilonInsensitive(double.PositiveInfinity, 0.5, 0.25), new SquaredEpsilonInsensitiveLoss(0.25).DualStep);
        // The per-unit-C loss the gap uses is the loss itself.
        foreach (double r in new[] { -3.0, -0.2, 0.0, 0.1, 0.25, 2.5 })
        {
            Assert.Equal(new EpsilonInsensitiveLoss(0.25).Value(0, r), SvrDualCoordinate.Loss(r, new EpsilonInsensitiveLoss(0.25).DualStep), 14);
            Assert.Equal(new SquaredEpsilonInsensitiveLoss(0.25).Value(0, r), SvrDualCoordinate.Loss(r, new SquaredEpsilonInsensitiveLoss(0.25).DualStep), 14);
        }
    }

    private static (CsrMatrix X, double[] Y) Data(int seed, int n, int p) => Dense(seed, n, p) is var (a, y) ? (RandomMatrices.Csr(a), y) : default;

    private static (double[,] A, double[] Y) Dense(int seed, int n, int p)
    {
        var rng = new Random(seed);
        var a = RandomMatrices.Dense(rng, n, p, 0.4);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z = 0.5 * (rng.NextDouble() - 0.5);
            for (int j = 0; j < p; j++) z += a[i, j] * Math.Sin(j + 1);
            y[i] = z;
        }
        return (a, y);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheGapCertifiesTheExitAndShrinkingDoesNotChangeTheOptimum(bool squared)
    {
        var (x, y) = Data(3, 400, 25);
        var options = new DualCoordinateDescentOptions { Tolerance = 1e-10, MaxIterations = 200_000 };
        SolverResult a, b;
        double value;
        if (squared)
        {
            var f = new LinearObjective<SquaredEpsilonInsensitiveLoss, ZeroRegularizer>(x, y, new(0.05), default, 0.01);
            a = DualCoordinateDescent.Minimize(f, options);
            b = DualCoordinateDescent.Minimize(f, options with { Shrinking = false });
            value = f.Value(a.Solution);
        }
        else
        {
            var f = new LinearObjective<EpsilonInsensitiveLoss, ZeroRegularizer>(x, y, new(0.05), default, 0.01);
            a = DualCoordinateDescent.Minimize(f, options);
            b = DualCoordinateDescent.Minimize(f, options with { Shrinking = false });
            value = f.Value(a.Solution);
        }
        foreach (var r in new[] { a, b })
        {
            Assert.Equal(StopReason.Converged, r.StopReason);
            Assert.True(r.Criterion <= 1e-10, $"criterion {r.Criterion}");
            Assert.True(r.DualityGap <= 1e-10 * r.Objective, $"gap {r.DualityGap} at {r.Objective}");
        }
        Assert.Equal(value, a.Objective, 1e-12 * value);                      // the solver's P(w) is the objective's
        Assert.Equal(a.Objective, b.Objective, 2e-10 * a.Objective);
    }

    [Fact]
    public void SquaredLossAgreesWithNewtonAndLbfgs()
    {
        var (x, y) = Data(4, 500, 30);
        var f = new LinearObjective<SquaredEpsilonInsensitiveLoss, ZeroRegularizer>(x, y, new(0.1), default, 0.002);
        var dual = DualCoordinateDescent.Minimize(f, new DualCoordinateDescentOptions { Tolerance = 1e-12, MaxIterations = 100_000 });
        var newton = TrustRegionNewton.Minimize(f, default, new TrustRegionNewtonOptions { Tolerance = 1e-10, MaxIterations = 500 });
        var lbfgs = Lbfgs.Minimize(f.AsSmooth(), null, new LbfgsOptions { Tolerance = 1e-10, MaxIterations = 10_000 });
        Assert.Equal(StopReason.Converged, dual.StopReason);
        Assert.Equal(StopReason.Converged, newton.StopReason);
        Assert.Equal(StopReason.Converged, lbfgs.StopReason);
        Assert.Equal(dual.Objective, newton.Objective, 1e-11 * dual.Objective);
        Assert.Equal(dual.Objective, lbfgs.Objective, 1e-11 * dual.Objective);
        // Strongly convex: one minimiser, so the coefficients agree too.
        for (int j = 0; j < dual.Solution.Length; j++)
        {
            Assert.Equal(dual.Solution[j], newton.Solution[j], 1e-5);
            Assert.Equal(dual.Solution[j], lbfgs.Solution[j], 1e-5);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void IntegerSampleWeightsAreRepeatedRows(bool squared)
    {
        var (dense, y) = Dense(5, 120, 10);
        var x = RandomMatrices.Csr(dense);
        int[] reps = Enumerable.Range(0, 120).Select(i => 1 + i % 3).ToArray();
        var rows = new List<double[]>();
        var ys = new List<double>();
        for (int i = 0; i < 120; i++)
            for (int k = 0; k < reps[i]; k++) { rows.Add(Enumerable.Range(0, 10).Select(j => dense[i, j]).ToArray()); ys.Add(y[i]); }
        var repeated = RandomMatrices.Csr(To2D(rows));
        double[] weights = reps.Select(r => (double)r).ToArray();
        var options = new DualCoordinateDescentOptions { Tolerance = 1e-11, MaxIterations = 200_000 };
        SolverResult w, r;
        if (squared)
        {
            w = DualCoordinateDescent.Minimize(new LinearObjective<SquaredEpsilonInsensitiveLoss, ZeroRegularizer>(x, y, new(0.05), default, 0.01, false, weights), options);
            r = DualCoordinateDescent.Minimize(new LinearObjective<SquaredEpsilonInsensitiveLoss, ZeroRegularizer>(repeated, ys.ToArray(), new(0.05), default, 0.01), options);
        }
        else
        {
            w = DualCoordinateDescent.Minimize(new LinearObjective<EpsilonInsensitiveLoss, ZeroRegularizer>(x, y, new(0.05), default, 0.01, false, weights), options);
            r = DualCoordinateDescent.Minimize(new LinearObjective<EpsilonInsensitiveLoss, ZeroRegularizer>(repeated, ys.ToArray(), new(0.05), default, 0.01), options);
        }
        Assert.Equal(StopReason.Converged, w.StopReason);
        Assert.Equal(StopReason.Converged, r.StopReason);
        Assert.Equal(r.Objective, w.Objective, 1e-9 * r.Objective);
    }

    [Fact]
    public void AnEpochAllocatesNothingAndACheckpointResumes()
    {
        var (x, y) = Data(6, 300, 20);
        var options = new DualCoordinateDescentOptions { Tolerance = 1e-10 };
        foreach (var step in new[] { new EpsilonInsensitiveLoss(0.05).DualStep, new SquaredEpsilonInsensitiveLoss(0.05).DualStep })
        {
            var s = new SvrDualState(x, y, default, step, 0.01, options);
            s.Step();
            s.HasConverged(0);
            Assert.Equal(0, Allocations.Least(() => { for (int i = 0; i < 10; i++) { s.Step(); s.HasConverged(0); } }));
            var saved = s.Capture(11);
            var resumed = new SvrDualState(x, y, default, step, 0.01, options);
            resumed.Restore(saved);
            Assert.Equal(s.Objective(), resumed.Objective(), 15);
            Assert.Equal(s.DualityGap(), resumed.DualityGap(), 15);
            var finished = resumed.ToResult(SolverLoop.Run(resumed, options with { MaxIterations = 100_000 }));
            Assert.Equal(StopReason.Converged, finished.StopReason);
            Assert.True(finished.DualityGap <= 1e-10 * finished.Objective);
            Assert.Throws<ArgumentException>(() => new BinaryDualState(x, y.Select(v => v > 0 ? 1.0 : -1.0).ToArray(), default(HingeLoss).DualStep, 0.01, options).Restore(saved));
        }
    }

    /// <summary>CoCoA+ across K in-process ranks (uneven row ranges, weighted rows) reaches the single-process optimum
    /// with the same w on every rank.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AcrossRanksCocoaReachesTheSingleProcessOptimum(bool squared)
    {
        var (dense, y) = Dense(7, 300, 12);
        int n = y.Length, p = dense.GetLength(1);
        double[] c = Enumerable.Range(0, n).Select(i => 0.5 + i % 3).ToArray();
        var options = new DualCoordinateDescentOptions { Tolerance = 1e-10, MaxIterations = 200_000 };
        SolverResult Solve(ILinearMap x, double[] labels, double[] weights) => squared
            ? DualCoordinateDescent.Minimize(new LinearObjective<SquaredEpsilonInsensitiveLoss, ZeroRegularizer>(x, labels, new(0.05), default, 0.01, false, weights), options)
            : DualCoordinateDescent.Minimize(new LinearObjective<EpsilonInsensitiveLoss, ZeroRegularizer>(x, labels, new(0.05), default, 0.01, false, weights), options);
        var single = Solve(RandomMatrices.Csr(dense), y, c);
        Assert.Equal(StopReason.Converged, single.StopReason);
        for (int k = 2; k <= 3; k++)
        {
            var results = OptSuite.LinearAlgebra.Distributed.InProcessCommunicator.Run(k, comm =>
            {
                int from = n * comm.Rank / comm.Size + comm.Rank, to = comm.Rank == comm.Size - 1 ? n : n * (comm.Rank + 1) / comm.Size + comm.Rank + 1;
                var rows = new double[to - from, p];
                for (int i = from; i < to; i++) for (int j = 0; j < p; j++) rows[i - from, j] = dense[i, j];
                return Solve(new OptSuite.LinearAlgebra.Distributed.DistributedRows(RandomMatrices.Csr(rows), comm), y[from..to], c[from..to]);
            });
            foreach (var r in results)
            {
                Assert.Equal(StopReason.Converged, r.StopReason);
                Assert.Equal(results[0].Solution, r.Solution);
            }
            Assert.True(results[0].DualityGap <= 1e-10 * results[0].Objective);
            Assert.Equal(single.Objective, results[0].Objective, 2e-10 * single.Objective);
        }
    }

    private static double[,] To2D(List<double[]> rows)
    {
        var a = new double[rows.Count, rows[0].Length];
        for (int i = 0; i < rows.Count; i++)
            for (int j = 0; j < rows[i].Length; j++) a[i, j] = rows[i][j];
        return a;
    }
}
