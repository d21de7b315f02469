using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Solvers;
using OptSuite.Tests.Objectives.Linear;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Solvers;

public class CoordinateDescentTests
{
    private static (double[,] A, double[] Reg, double[] Bin) Data(int seed, int n, int p)
    {
        var rng = new Random(seed);
        var a = RandomMatrices.Dense(rng, n, p, 0.4);
        var reg = new double[n]; var bin = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z = 0;
            for (int j = 0; j < p; j++) z += a[i, j] * (j % 4 == 0 ? 1.5 : 0);
            reg[i] = z + 0.3 * (rng.NextDouble() - 0.5) + 2;
            bin[i] = z + 0.5 * (rng.NextDouble() - 0.5) > 0.2 ? 1 : -1;
        }
        return (a, reg, bin);
    }

    public static TheoryData<bool, bool, CoordinateOrder> Cases => new()
    {
        { false, false, CoordinateOrder.Cyclic },
        { true, true, CoordinateOrder.Cyclic },
        { true, false, CoordinateOrder.Random },
        { false, true, CoordinateOrder.Random },
        { false, false, CoordinateOrder.Greedy },
        { true, true, CoordinateOrder.Greedy },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithProximalGradient(bool sparse, bool intercept, CoordinateOrder order)
    {
        var (a, reg, bin) = Data(1, 120, 40);
        ILinearMap x = sparse ? RandomMatrices.Csr(a) : DenseMatrix.FromArray(a);
        var options = new CoordinateDescentOptions { Tolerance = 1e-11, MaxIterations = 20_000, Order = order, Seed = 3 };
        Check(new LinearObjective<SquaredLoss, TestL1>(x, reg, default, new TestL1(0.02), 0, intercept), options, "lasso");
        Check(new LinearObjective<SquaredLoss, TestL1>(x, reg, default, new TestL1(0.01), 0.01, intercept), options, "enet");
        Check(new LinearObjective<LogisticLoss, TestL1>(x, bin, default, new TestL1(0.01), 0, intercept), options, "l1 logistic");
        Check(new LinearObjective<HuberLoss, TestL1>(x, reg, new HuberLoss(0.2), new TestL1(0.01), 0, intercept), options, "huber");
        Check(new LinearObjective<PoissonLoss, TestNone>(x, reg.Select(v => Math.Round(Math.Abs(v))).ToArray(), default, default, 0.05, intercept), options, "poisson");
    }

    private static void Check<TLoss, TReg>(LinearObjective<TLoss, TReg> f, CoordinateDescentOptions options, string name)
        where TLoss : struct, ILoss where TReg : struct, OptSuite.Prox.ISeparableRegularizer
    {
        var cd = CoordinateDescent.Minimize(f, default, options);
        var pg = ProximalGradient.Minimize(f, default, new ProximalGradientOptions { Tolerance = 1e-12, MaxIterations = 200_000 });
        Assert.True(cd.Converged, $"{name}: {cd}");
        Assert.True(cd.Criterion <= options.Tolerance, name);
        Assert.InRange(cd.DualityGap!.Value, -1e-15, 1e-11 * Math.Abs(cd.Objective));
        Assert.True(Math.Abs(cd.Objective - pg.Objective) <= 1e-10 * Math.Abs(pg.Objective), $"{name}: CD {cd.Objective:R} vs PG {pg.Objective:R}");
        Assert.Equal(f.TotalValue(cd.Solution), cd.Objective, 1e-14 * Math.Abs(cd.Objective));
    }

    [Fact]
    public void WarmStartAndDeterminism()
    {
        var (a, reg, _) = Data(2, 80, 30);
        var f = new LinearObjective<SquaredLoss, TestL1>(RandomMatrices.Csr(a), reg, default, new TestL1(0.05), 0, true);
        var o = new CoordinateDescentOptions { Tolerance = 1e-10, Order = CoordinateOrder.Random, Seed = 9 };
        var r1 = CoordinateDescent.Minimize(f, default, o);
        var r2 = CoordinateDescent.Minimize(f, default, o);
        Assert.Equal(r1.Solution, r2.Solution);
        var x0 = r1.Solution.ToArray();
        var warm = CoordinateDescent.Minimize(f, x0, o);
        Assert.Equal(0, warm.Iterations);
        Assert.Equal(r1.Solution, x0);
    }

    [Fact]
    public void StepDoesNotAllocate()
    {
        var (a, _, bin) = Data(3, 60, 20);
        var f = new LinearObjective<LogisticLoss, TestL1>(RandomMatrices.Csr(a), bin, default, new TestL1(0.01), 0, true);
        var s = new CoordinateDescentState<LogisticLoss, TestL1>(f, default, new CoordinateDescentOptions());
        s.Step();
        Assert.Equal(0, Allocations.Least(() => { for (int i = 0; i < 10; i++) { s.Step(); s.HasConverged(0); } }));
    }

    [Fact]
    public void NonSmoothLossIsRejected()
    {
        var (a, _, bin) = Data(4, 10, 3);
        var f = new LinearObjective<HingeLoss, TestL1>(DenseMatrix.FromArray(a), bin, default, new TestL1(0.1));
        Assert.Contains("dual coordinate descent", Assert.Throws<ArgumentException>(() => CoordinateDescent.Minimize(f)).Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void StateBuiltFromThePreviousPathPointSolvesTheSameProblem(bool intercept)
    {
        // A path builds each λ's state from the last one (column norms and scores reused); the answer must be the one a
        // state built from scratch gives, and scores are reused only when the start is exactly the previous point.
        var (a, reg, _) = Data(5, 90, 60);
        var x = RandomMatrices.Csr(a);
        var options = new CoordinateDescentOptions { Tolerance = 1e-10 };
        var first = new LinearObjective<SquaredLoss, OptSuite.Prox.Regularizers.L1Norm>(x, reg, default, new OptSuite.Prox.Regularizers.L1Norm(0.1), 0, intercept);
        var previous = new CoordinateDescentState<SquaredLoss, OptSuite.Prox.Regularizers.L1Norm>(first, default, options);
        var start = previous.ToResult(SolverLoop.Run(previous, options)).Solution;

        var next = first.WithRegularizer(new OptSuite.Prox.Regularizers.L1Norm(0.03), 0.01);
        foreach (var x0 in new[] { start, start.Select(v => v * 0.9).ToArray() })
        {
            var warm = new CoordinateDescentState<SquaredLoss, OptSuite.Prox.Regularizers.L1Norm>(next, x0, options, null, previous);
            var fresh = new CoordinateDescentState<SquaredLoss, OptSuite.Prox.Regularizers.L1Norm>(next, x0, options);
            var rw = warm.ToResult(SolverLoop.Run(warm, options));
            var rf = fresh.ToResult(SolverLoop.Run(fresh, options));
            Assert.True(rw.Converged && rf.Converged, $"{rw} / {rf}");
            // Both are certified: each objective is within its own gap of F*. The warm state may sweep on the inherited Gram
            // cache (with Anderson extrapolation) where the fresh one uses the residual engine, so their last digits differ.
            Assert.True(Math.Abs(rf.Objective - rw.Objective) <= Math.Max(rf.DualityGap!.Value, rw.DualityGap!.Value),
                $"{rw.Objective:R} vs {rf.Objective:R}, gaps {rw.DualityGap:e2} / {rf.DualityGap:e2}");
            Assert.Equal(next.TotalValue(rw.Solution), rw.Objective, 1e-14 * rw.Objective);
            // A gap of 1e-10·F bounds the distance to w* only by √(2·gap/σ_min) (σ_min of the centred XᵀX/n): 3e-7 was seen
            // on the intercept between the two engines.
            for (int j = 0; j < rf.Solution.Length; j++) Assert.Equal(rf.Solution[j], rw.Solution[j], 1e-6);
        }

        // Another data set: nothing may be reused (its column norms differ).
        var (b, regB, _) = Data(6, 90, 60);
        var other = new LinearObjective<SquaredLoss, OptSuite.Prox.Regularizers.L1Norm>(RandomMatrices.Csr(b), regB, default, new OptSuite.Prox.Regularizers.L1Norm(0.03), 0, intercept);
        var unrelated = new CoordinateDescentState<SquaredLoss, OptSuite.Prox.Regularizers.L1Norm>(other, default, options, null, previous);
        var ru = unrelated.ToResult(SolverLoop.Run(unrelated, options));
        var reference = CoordinateDescent.Minimize(other, default, options);
        Assert.Equal(reference.Objective, ru.Objective, 1e-13 * reference.Objective);
    }
}

public class CoordinateDescentRoundingTests
{
    /// <summary>
    /// A target of 1e154 (its square still finite) with λ = 0.01: the gradient is known only to ε·1e152, far above λ,
    /// so no point can be certified. The run must end promptly with NoProgress (not spin through 10⁴ inner sweeps per
    /// iteration until MaxIterations) and return a finite point that is better than the start — in both engines.
    /// </summary>
    [Theory]
    [InlineData(false, GramMode.Never)]
    [InlineData(true, GramMode.Never)]
    [InlineData(false, GramMode.Always)]
    [InlineData(true, GramMode.Always)]
    public void DataBeyondDoublePrecisionEndsWithNoProgress(bool intercept, GramMode gram)
    {
        var rng = new Random(5);
        var a = RandomMatrices.Dense(rng, 60, 13, 1.0);
        var y = new double[60];
        for (int i = 0; i < 60; i++) y[i] = rng.NextDouble() > 0.5 ? 1 : -1;
        y[3] = 1e154;
        var f = new LinearObjective<SquaredLoss, TestL1>(DenseMatrix.FromArray(a), y, default, new TestL1(0.01), 0, intercept);
        var r = CoordinateDescent.Minimize(f, default, new CoordinateDescentOptions { MaxIterations = 1000, Gram = gram });
        Assert.Equal(StopReason.NoProgress, r.StopReason);
        Assert.True(r.Iterations < 100, r.ToString());
        Assert.True(r.Counts.Proxes < 1_000_000, $"{r.Counts.Proxes} coordinate updates");
        Assert.True(r.Solution.All(double.IsFinite) && double.IsFinite(r.Objective));
        Assert.True(r.Objective < f.TotalValue(new double[f.Dimension]), r.ToString());
    }

    /// <summary>The rounding floor must not end ordinary runs early: a tight tolerance is still reached.</summary>
    [Fact]
    public void OrdinaryDataStillReachTightTolerances()
    {
        var rng = new Random(6);
        var a = RandomMatrices.Dense(rng, 80, 30, 0.5);
        var y = new double[80];
        for (int i = 0; i < 80; i++) y[i] = 1e3 * (a[i, 0] - 2 * a[i, 1]) + rng.NextDouble();
        var f = new LinearObjective<SquaredLoss, TestL1>(DenseMatrix.FromArray(a), y, default, new TestL1(0.5), 0, true);
        var r = CoordinateDescent.Minimize(f, default, new CoordinateDescentOptions { Tolerance = 1e-13, MaxIterations = 10_000 });
        Assert.True(r.Converged, r.ToString());
    }
}
