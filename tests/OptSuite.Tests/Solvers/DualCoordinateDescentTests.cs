using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Solvers;
using OptSuite.Tests.Objectives.Linear;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Solvers;

public class DualCoordinateDescentTests
{
    private static (CsrMatrix X, double[] Y) Data(int seed, int n, int p)
    {
        var rng = new Random(seed);
        var a = RandomMatrices.Dense(rng, n, p, 0.3);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z = 0.3 * (rng.NextDouble() - 0.5);
            for (int j = 0; j < p; j++) z += a[i, j] * Math.Cos(j);
            y[i] = z > 0 ? 1 : -1;
        }
        return (RandomMatrices.Csr(a), y);
    }

    [Fact]
    public void SquaredHingeAndLogisticMatchProximalGradient()
    {
        var (x, y) = Data(1, 300, 40);
        double lambda = 1.0 / 300;
        var sq = new LinearObjective<SquaredHingeLoss, TestNone>(x, y, default, default, lambda);
        var lr = new LinearObjective<LogisticLoss, TestNone>(x, y, default, default, lambda);
        foreach (ICompositeFunction f in new ICompositeFunction[] { sq, lr })
        {
            SolverResult d = f is LinearObjective<SquaredHingeLoss, TestNone> s
                ? DualCoordinateDescent.Minimize(s, new DualCoordinateDescentOptions { Tolerance = 1e-12, MaxIterations = 10_000 })
                : DualCoordinateDescent.Minimize((LinearObjective<LogisticLoss, TestNone>)f, new DualCoordinateDescentOptions { Tolerance = 1e-12, MaxIterations = 10_000 });
            var p = ProximalGradient.Minimize(f, default, new ProximalGradientOptions { Tolerance = 1e-13, MaxIterations = 200_000 });
            Assert.Equal(StopReason.Converged, d.StopReason);
            Assert.True(d.Criterion <= 1e-12);
            Assert.Equal(p.Objective, d.Objective, 1e-11 * p.Objective);
            Assert.Equal(f.Value(d.Solution), d.Objective, 1e-12 * d.Objective);
        }
    }

    [Fact]
    public void HingeGapCertifiesTheSolutionAndShrinkingDoesNotChangeIt()
    {
        var (x, y) = Data(2, 400, 30);
        var f = new LinearObjective<HingeLoss, TestNone>(x, y, default, default, 0.01);
        var a = DualCoordinateDescent.Minimize(f, new DualCoordinateDescentOptions { Tolerance = 1e-10, MaxIterations = 100_000 });
        var b = DualCoordinateDescent.Minimize(f, new DualCoordinateDescentOptions { Tolerance = 1e-10, MaxIterations = 100_000, Shrinking = false });
        Assert.True(a.Converged && b.Converged);
        Assert.InRange(a.DualityGap!.Value, 0, 1e-10 * a.Objective);
        Assert.Equal(a.Objective, b.Objective, 2e-10 * a.Objective);
        Assert.Equal(f.Value(a.Solution), a.Objective, 1e-12);
        // The library's own (primal-derived) gap is an independent certificate: it is ≥ the true suboptimality.
        Assert.True(f.DualityGap(a.Solution) >= -1e-14);
    }

    [Fact]
    public void TheSameSeedGivesBitIdenticalResults()
    {
        var (x, y) = Data(3, 200, 20);
        var f = new LinearObjective<HingeLoss, TestNone>(x, y, default, default, 0.005);
        var o = new DualCoordinateDescentOptions { Tolerance = 1e-8, Seed = 42 };
        var r1 = DualCoordinateDescent.Minimize(f, o);
        var r2 = DualCoordinateDescent.Minimize(f, o);
        Assert.Equal(r1.Solution, r2.Solution);
        Assert.Equal(r1.Iterations, r2.Iterations);
    }

    [Fact]
    public void LogisticAndCrammerSingerAreBitIdenticalForASeedAndAgreeAcrossSeeds()
    {
        var (x, y) = Data(8, 250, 15);
        var lr = new LinearObjective<LogisticLoss, TestNone>(x, y, default, default, 0.004);
        var o = new DualCoordinateDescentOptions { Tolerance = 1e-10, Seed = 7 };
        var a = DualCoordinateDescent.Minimize(lr, o);
        Assert.Equal(a.Solution, DualCoordinateDescent.Minimize(lr, o).Solution);
        var other = DualCoordinateDescent.Minimize(lr, o with { Seed = 8 });
        Assert.NotEqual(a.Solution, other.Solution);   // the seed reaches the permutation
        Assert.Equal(a.Objective, other.Objective, 2e-10 * a.Objective);

        int[] labels = y.Select((v, i) => v > 0 ? i % 2 : 2).ToArray();
        var cs = new MulticlassLinearObjective<OptSuite.Objectives.Multiclass.CrammerSingerHingeLoss, TestNone>(x, labels, 3, default, default, 0.004);
        var oc = o with { Tolerance = 1e-9, MaxIterations = 100_000 };
        var c1 = DualCoordinateDescent.Minimize(cs, oc);
        Assert.Equal(c1.Solution, DualCoordinateDescent.Minimize(cs, oc).Solution);
        var c2 = DualCoordinateDescent.Minimize(cs, oc with { Seed = 8 });
        Assert.True(c1.Converged && c2.Converged);
        Assert.Equal(c1.Objective, c2.Objective, 2e-9 * c1.Objective);
    }

    [Fact]
    public void StepDoesNotAllocate()
    {
        var (x, y) = Data(9, 120, 10);
        var options = new DualCoordinateDescentOptions();
        int[] labels = y.Select((v, i) => v > 0 ? i % 2 : 2).ToArray();
        ISolverState[] states =
        [
            new BinaryDualState(x, y, default(HingeLoss).DualStep, 0.01, options),
            new BinaryDualState(x, y, default(SquaredHingeLoss).DualStep, 0.01, options),
            new BinaryDualState(x, y, default(LogisticLoss).DualStep, 0.01, options),
            new CrammerSingerDualState(x, labels, 3, default, 0.01, options),
            new BinaryDualState(x, y, default(HingeLoss).DualStep, 0.01, options with { Threads = 2 }),
            new BinaryDualState(x, y, default(LogisticLoss).DualStep, 0.01, options with { Threads = 2 }),
        ];
        foreach (var s in states)
        {
            s.Step();
            s.HasConverged(0);
            Assert.Equal(0, Allocations.Least(() => { for (int i = 0; i < 10; i++) { s.Step(); s.HasConverged(0); } }));
        }
    }

    [Fact]
    public void TwoThreadsReachTheSequentialOptimumWithATrueGap()
    {
        // Threads = 2 runs two blocks of rows at once on one w without locks; w is recomputed from α before the
        // certificate, so the reported gap must bound the true suboptimality P(w) − P* (P* from a tight one-thread run),
        // the reported objective must be P at the returned w, and the three binary duals must reach the same optimum.
        var (x, y) = Data(11, 600, 25);
        double lambda = 1.0 / 600;
        var hinge = new LinearObjective<HingeLoss, TestNone>(x, y, default, default, lambda);
        var squared = new LinearObjective<SquaredHingeLoss, TestNone>(x, y, default, default, lambda);
        var logistic = new LinearObjective<LogisticLoss, TestNone>(x, y, default, default, lambda);
        var tight = new DualCoordinateDescentOptions { Tolerance = 1e-12, MaxIterations = 200_000 };
        var two = new DualCoordinateDescentOptions { Tolerance = 1e-7, MaxIterations = 200_000, Threads = 2, Seed = 3 };
        foreach (var (star, r, value) in new[]
        {
            Solve(hinge, tight, two), Solve(squared, tight, two), Solve(logistic, tight, two),
        })
        {
            Assert.Equal(StopReason.Converged, r.StopReason);
            Assert.InRange(r.DualityGap!.Value, 0, 1e-7 * r.Objective);
            Assert.Equal(value, r.Objective, 1e-13 * value);
            Assert.InRange(value - star.Objective, -1e-12 * value, r.DualityGap!.Value + 1e-13 * value);
        }

        static (SolverResult Star, SolverResult Two, double Value) Solve<TLoss>(LinearObjective<TLoss, TestNone> f,
            DualCoordinateDescentOptions tight, DualCoordinateDescentOptions two) where TLoss : struct, ILoss
        {
            var star = DualCoordinateDescent.Minimize(f, tight);
            var r = DualCoordinateDescent.Minimize(f, two);
            return (star, r, f.Value(r.Solution));
        }
    }

    [Fact]
    public void ThreadsBelowOneAreRejectedByName()
    {
        var (x, y) = Data(12, 50, 5);
        var f = new LinearObjective<HingeLoss, TestNone>(x, y, default, default, 0.01);
        var e = Assert.Throws<ArgumentException>(() => DualCoordinateDescent.Minimize(f, new DualCoordinateDescentOptions { Threads = 0 }));
        Assert.Contains("Threads must be ≥ 1; it is 0.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleWeightsActLikeRepeatedSamples()
    {
        var (x, y) = Data(4, 60, 8);
        var dense = x.ToDense();
        int[] repeat = Enumerable.Range(0, 60).Select(i => 1 + i % 3).ToArray();
        var rows = new List<double[]>(); var labels = new List<double>();
        for (int i = 0; i < 60; i++)
            for (int r = 0; r < repeat[i]; r++) { rows.Add(Enumerable.Range(0, 8).Select(j => dense[i, j]).ToArray()); labels.Add(y[i]); }
        var weighted = new LinearObjective<SquaredHingeLoss, TestNone>(x, y, default, default, 0.02, false, repeat.Select(v => (double)v).ToArray());
        var repeated = new LinearObjective<SquaredHingeLoss, TestNone>(DenseMatrix.FromRows(rows.ToArray()), labels.ToArray(), default, default, 0.02);
        var a = DualCoordinateDescent.Minimize(weighted, new DualCoordinateDescentOptions { Tolerance = 1e-12 });
        var b = DualCoordinateDescent.Minimize(repeated, new DualCoordinateDescentOptions { Tolerance = 1e-12 });
        Assert.Equal(b.Objective, a.Objective, 1e-11);
        // Strong convexity: ‖w − w*‖² ≤ 2·gap/λ, so a 1e-12 relative gap pins w to about 1e-5.
        for (int j = 0; j < 8; j++) Assert.Equal(b.Solution[j], a.Solution[j], 2e-5);
    }

    [Fact]
    public void UnsupportedObjectivesAreRejectedWithAReason()
    {
        var (x, y) = Data(5, 20, 4);
        Assert.Contains("intercept", Assert.Throws<ArgumentException>(() =>
            DualCoordinateDescent.Minimize(new LinearObjective<HingeLoss, TestNone>(x, y, default, default, 0.1, fitIntercept: true))).Message);
        Assert.Contains("ridge", Assert.Throws<ArgumentException>(() =>
            DualCoordinateDescent.Minimize(new LinearObjective<HingeLoss, TestNone>(x, y, default, default, 0))).Message);
        Assert.Contains("SquaredLoss", Assert.Throws<ArgumentException>(() =>
            DualCoordinateDescent.Minimize(new LinearObjective<SquaredLoss, TestNone>(x, y, default, default, 0.1))).Message);
        Assert.Contains("zero regulariser", Assert.Throws<ArgumentException>(() =>
            DualCoordinateDescent.Minimize(new LinearObjective<HingeLoss, TestL1>(x, y, default, new TestL1(0.1), 0.1))).Message);
    }

    [Fact]
    public void CrammerSingerReachesATinyGapAndItsObjectiveIsTheLibrarysObjective()
    {
        var rng = new Random(6);
        var a = RandomMatrices.Dense(rng, 150, 12, 0.5);
        var y = new int[150];
        for (int i = 0; i < 150; i++)
        {
            double best = double.NegativeInfinity;
            for (int c = 0; c < 4; c++)
            {
                double s = 0.5 * rng.NextDouble();
                for (int j = 0; j < 12; j++) s += a[i, j] * Math.Sin(3 * j + c);
                if (s > best) { best = s; y[i] = c; }
            }
        }
        foreach (ILinearMap x in new ILinearMap[] { RandomMatrices.Csr(a), DenseMatrix.FromArray(a) })
        {
            var f = new MulticlassLinearObjective<OptSuite.Objectives.Multiclass.CrammerSingerHingeLoss, TestNone>(x, y, 4, default, default, 0.01);
            var r = DualCoordinateDescent.Minimize(f, new DualCoordinateDescentOptions { Tolerance = 1e-10, MaxIterations = 100_000 });
            Assert.Equal(StopReason.Converged, r.StopReason);
            Assert.InRange(r.DualityGap!.Value, 0, 1e-10 * r.Objective);
            Assert.Equal(f.Value(r.Solution), r.Objective, 1e-12);
            var again = DualCoordinateDescent.Minimize(f, new DualCoordinateDescentOptions { Tolerance = 1e-10, MaxIterations = 100_000, Shrinking = false });
            Assert.Equal(r.Objective, again.Objective, 2e-10 * r.Objective);
        }
    }

    /// <summary>
    /// Without shrinking and with a gap check after every epoch, a converged run makes one pass per epoch and one per
    /// check (the start's included) and none for its result: the result reuses the pass of the check that certified it
    /// (the result's evaluation made one more before, a tenth of a default news20 fit).
    /// </summary>
    [Fact]
    public void AConvergedRunReusesItsLastCheckForTheResult()
    {
        var (x, y) = Data(8, 200, 20);
        var options = new DualCoordinateDescentOptions { Tolerance = 1e-6, MaxIterations = 10_000, Shrinking = false };
        SolverResult[] binary =
        [
            DualCoordinateDescent.Minimize(new LinearObjective<HingeLoss, TestNone>(x, y, default, default, 0.01), options),
            DualCoordinateDescent.Minimize(new LinearObjective<LogisticLoss, TestNone>(x, y, default, default, 0.01), options),
            DualCoordinateDescent.Minimize(new LinearObjective<EpsilonInsensitiveLoss, TestNone>(x, y, new EpsilonInsensitiveLoss(0.1), default, 0.01), options),
        ];
        var classes = y.Select((v, i) => v > 0 ? i % 2 : 2).ToArray();
        var cs = DualCoordinateDescent.Minimize(new MulticlassLinearObjective<OptSuite.Objectives.Multiclass.CrammerSingerHingeLoss, TestNone>(
            x, classes, 3, default, default, 0.01), options);
        foreach (var r in (SolverResult[])[.. binary, cs])
        {
            Assert.Equal(StopReason.Converged, r.StopReason);
            Assert.True(r.Iterations > 1, r.ToString());
            Assert.Equal(2 * r.Iterations + 1, r.Counts.Functions);
        }
    }

    [Fact]
    public void JaxoptDualByFistaAgreesWithTheSequentialDualMethod()
    {
        var rng = new Random(7);
        var a = RandomMatrices.Dense(rng, 90, 10, 0.6);
        var y = Enumerable.Range(0, 90).Select(i => (int)(3 * Math.Abs(Math.Sin(i + a[i, 0])))).ToArray();
        var x = RandomMatrices.Csr(a);
        double lambda = 0.02;
        var primal = OptSuite.Objectives.Objective.CrammerSinger(x, y, 3, lambda);
        var sdm = DualCoordinateDescent.Minimize(primal, new DualCoordinateDescentOptions { Tolerance = 1e-12, MaxIterations = 100_000 });
        var dual = OptSuite.Objectives.Objective.MulticlassLinearSvmDual(x, y, 3, 90 * lambda);
        var beta0 = new double[90 * 3];
        for (int i = 0; i < 90; i++) beta0[i * 3 + y[i]] = 1;   // β = Y: W = 0
        var fista = ProximalGradient.Minimize(dual, beta0, new ProximalGradientOptions { Tolerance = 1e-10, MaxIterations = 200_000 });
        Assert.True(fista.Converged, fista.ToString());
        var w = new double[30];
        dual.PrimalWeights(fista.Solution, w);
        Assert.Equal(sdm.Objective, primal.Value(w), 1e-8 * sdm.Objective);
        Assert.True(dual.DualityGap(fista.Solution) / 90 <= 1e-9 * sdm.Objective);
    }
}
