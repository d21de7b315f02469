using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox;
using OptSuite.Solvers;
using OptSuite.Tests.Objectives.Linear;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Solvers;

/// <summary>
/// Gram mode of coordinate descent: the covariance engine minimises the same models as the residual engine, so
/// <see cref="GramMode.Always"/> and <see cref="GramMode.Never"/> must reach the same optimum (each certified by its
/// duality gap) on every loss, with and without intercept and sample weights, on dense and sparse columns.
/// </summary>
public class CoordinateDescentGramTests
{
    /// <summary>n ≫ p with strongly correlated columns (a shared factor), the case Gram mode is for.</summary>
    private static (double[,] A, double[] Reg, double[] Bin, double[] Weights) Data(int seed, int n, int p, double density)
    {
        var rng = new Random(seed);
        var a = new double[n, p];
        var reg = new double[n]; var bin = new double[n]; var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            double common = rng.NextDouble() * 2 - 1, z = 0;
            for (int j = 0; j < p; j++)
                if (rng.NextDouble() < density) a[i, j] = common + 0.4 * (rng.NextDouble() - 0.5) + 0.1 * j;
            for (int j = 0; j < p; j++) z += a[i, j] * (j % 3 == 0 ? 1.0 : -0.5);
            reg[i] = z + 0.3 * (rng.NextDouble() - 0.5) + 1;
            bin[i] = z + 0.8 * (rng.NextDouble() - 0.5) > 0.1 ? 1 : -1;
            weights[i] = 0.2 + 2 * rng.NextDouble();
        }
        return (a, reg, bin, weights);
    }

    public static TheoryData<bool, bool, bool> Cases => new()
    {
        { false, false, false },
        { false, true, true },
        { true, true, false },
        { true, false, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AlwaysAndNeverReachTheSameOptimum(bool sparse, bool intercept, bool weighted)
    {
        // Sparse: 5% density, below GramCache.DenseThreshold, so the sparse column-pair build is the one tested.
        var (a, reg, bin, weights) = Data(11, 400, 12, sparse ? 0.05 : 1.0);
        ILinearMap x = sparse ? RandomMatrices.Csr(a) : DenseMatrix.FromArray(a);
        ReadOnlySpan<double> c = weighted ? weights : default;
        Compare(new LinearObjective<SquaredLoss, TestL1>(x, reg, default, new TestL1(0.002), 0, intercept, c), "lasso");
        Compare(new LinearObjective<SquaredLoss, TestL1>(x, reg, default, new TestL1(0.001), 0.002, intercept, c), "enet");
        Compare(new LinearObjective<LogisticLoss, TestL1>(x, bin, default, new TestL1(0.001), 0, intercept, c), "l1 logistic");
        Compare(new LinearObjective<HuberLoss, TestL1>(x, reg, new HuberLoss(0.3), new TestL1(0.001), 0, intercept, c), "huber");
        Compare(new LinearObjective<PoissonLoss, TestNone>(x, reg.Select(v => Math.Round(Math.Abs(v))).ToArray(), default, default, 0.01, intercept, c), "poisson ridge");
    }

    private static void Compare<TLoss, TReg>(LinearObjective<TLoss, TReg> f, string name)
        where TLoss : struct, ILoss where TReg : struct, ISeparableRegularizer
    {
        var (never, neverState) = Run(f, GramMode.Never);
        var (always, alwaysState) = Run(f, GramMode.Always);
        Assert.Equal(0, neverState.GramSolves);
        Assert.Equal(always.Iterations, alwaysState.GramSolves);
        foreach (var r in new[] { never, always })
        {
            Assert.True(r.Converged, $"{name}: {r}");
            Assert.InRange(r.DualityGap!.Value, -1e-14 * Math.Abs(r.Objective), 1e-12 * Math.Abs(r.Objective));
        }
        Assert.True(Math.Abs(always.Objective - never.Objective) <= 2e-12 * Math.Abs(never.Objective),
            $"{name}: Gram {always.Objective:R} vs residual {never.Objective:R}");
        // X has full column rank, so F is strongly convex and a 1e-12 gap pins the solution to ~1e-6.
        for (int j = 0; j < f.Dimension; j++)
            Assert.True(Math.Abs(always.Solution[j] - never.Solution[j]) <= 1e-5 * (1 + Math.Abs(never.Solution[j])),
                $"{name}: coordinate {j}: {always.Solution[j]:R} vs {never.Solution[j]:R}");
    }

    private static (SolverResult, CoordinateDescentState<TLoss, TReg>) Run<TLoss, TReg>(LinearObjective<TLoss, TReg> f, GramMode mode,
        CoordinateOrder order = CoordinateOrder.Cyclic)
        where TLoss : struct, ILoss where TReg : struct, ISeparableRegularizer
    {
        var o = new CoordinateDescentOptions { Tolerance = 1e-12, MaxIterations = 10_000, Gram = mode, Order = order, Seed = 4 };
        var s = new CoordinateDescentState<TLoss, TReg>(f, default, o);
        return (s.ToResult(SolverLoop.Run(s, o)), s);
    }

    [Fact]
    public void AutoUsesGramWhereItPaysAndFindsTheSameOptimum()
    {
        // n = 3000 ≫ p = 8 correlated columns at a small λ: thousands of residual-engine sweeps.
        var (a, reg, bin, _) = Data(12, 3000, 8, 1.0);
        var x = DenseMatrix.FromArray(a);
        var lasso = new LinearObjective<SquaredLoss, TestL1>(x, reg, default, new TestL1(1e-5), 0, true);
        var (auto, autoState) = Run(lasso, GramMode.Auto);
        var (never, _) = Run(lasso, GramMode.Never);
        Assert.True(autoState.GramSolves > 0, $"Auto never chose Gram: {auto}");
        Assert.True(auto.Converged && never.Converged);
        Assert.True(Math.Abs(auto.Objective - never.Objective) <= 2e-12 * Math.Abs(never.Objective));
        var logistic = new LinearObjective<LogisticLoss, TestL1>(x, bin, default, new TestL1(1e-4), 0, true);
        var (autoL, autoLState) = Run(logistic, GramMode.Auto);
        var (neverL, _) = Run(logistic, GramMode.Never);
        Assert.True(autoLState.GramSolves > 0, $"Auto never chose Gram: {autoL}");
        Assert.True(Math.Abs(autoL.Objective - neverL.Objective) <= 2e-12 * Math.Abs(neverL.Objective));
    }

    [Theory]
    [InlineData(GramMode.Always)]
    [InlineData(GramMode.Auto)]
    public void SameSeedGivesBitIdenticalRuns(GramMode mode)
    {
        var (a, reg, bin, weights) = Data(13, 500, 10, 1.0);
        var x = DenseMatrix.FromArray(a);
        var lasso = new LinearObjective<SquaredLoss, TestL1>(x, reg, default, new TestL1(1e-4), 0, true, weights);
        var logistic = new LinearObjective<LogisticLoss, TestL1>(x, bin, default, new TestL1(1e-4), 0, true);
        foreach (var order in new[] { CoordinateOrder.Cyclic, CoordinateOrder.Random, CoordinateOrder.Greedy })
        {
            var (r1, _) = Run(lasso, mode, order);
            var (r2, _) = Run(lasso, mode, order);
            Assert.Equal(r1.Solution, r2.Solution);
            Assert.Equal(r1.Counts, r2.Counts);
            var (l1, _) = Run(logistic, mode, order);
            var (l2, _) = Run(logistic, mode, order);
            Assert.Equal(l1.Solution, l2.Solution);
        }
    }

    [Fact]
    public void StepDoesNotAllocate()
    {
        var (a, _, bin, _) = Data(14, 200, 10, 1.0);
        var f = new LinearObjective<LogisticLoss, TestL1>(DenseMatrix.FromArray(a), bin, default, new TestL1(1e-4), 0, true);
        var s = new CoordinateDescentState<LogisticLoss, TestL1>(f, default, new CoordinateDescentOptions { Gram = GramMode.Always });
        s.Step();
        s.HasConverged(0);
        Assert.Equal(0, Allocations.Least(() => { for (int i = 0; i < 10; i++) { s.Step(); s.HasConverged(0); } }));
        Assert.True(s.GramSolves >= 11);
    }

    /// <summary>Greedy order runs on the Gram engine (it needs the working set's gradient) even when Auto would not
    /// choose it (60 × 30: every model solve here); Gram = Never with Greedy, and block coordinate descent, which has
    /// no greedy rule, are rejected by name.</summary>
    [Fact]
    public void GreedyOrderUsesTheGramEngineAndBlockCoordinateDescentRejectsIt()
    {
        var (a, reg, _, _) = Data(21, 60, 30, 0.5);
        var f = new LinearObjective<SquaredLoss, TestL1>(DenseMatrix.FromArray(a), reg, default, new TestL1(0.01), 0, true);
        var o = new CoordinateDescentOptions { Tolerance = 1e-10, Order = CoordinateOrder.Greedy };
        var s = new CoordinateDescentState<SquaredLoss, TestL1>(f, default, o);
        var r = s.ToResult(SolverLoop.Run(s, o));
        Assert.True(r.Converged, r.ToString());
        Assert.Equal(r.Iterations, (int)s.GramSolves);
        var e = Assert.Throws<ArgumentException>(() => new BlockCoordinateDescentOptions { Order = CoordinateOrder.Greedy }.Validate());
        Assert.Contains("Greedy", e.Message);
        e = Assert.Throws<ArgumentException>(() => new CoordinateDescentOptions { Order = CoordinateOrder.Greedy, Gram = GramMode.Never }.Validate());
        Assert.Contains("Greedy", e.Message);
    }

    [Fact]
    public void UndefinedModeIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new CoordinateDescentOptions { Gram = (GramMode)7 }.Validate());
        Assert.Contains("Gram", e.Message);
    }
}
