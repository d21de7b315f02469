using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;
using OptSuite.Tests.Support;
using Xunit.Abstractions;

namespace OptSuite.Tests.Solvers;

/// <summary>
/// The per-λ costs of a coordinate-descent path cut for issue 18 (on leukemia, 38 × 7,129, the allocation of some 15
/// p-sized arrays per λ, the p-long flag tests of the gradient, gap, screening and working-set passes, and the column
/// kernel were most of a path's time): each λ's state takes the last one's buffers, the passes walk the list of
/// unscreened features, dense columns are reduced four at a time and the L1 screening test is one comparison. None of
/// them may change a bit of the result. The strong-set phase of each λ (glmnet's order) changes results within the
/// tolerance: there the full gap must certify every point.
/// </summary>
public class CoordinateDescentPathCostTests(ITestOutputHelper output)
{
    /// <summary>Dense n ≪ p data (stored in CSC with every row, as the microarrays are) with a sparse linear signal.</summary>
    private static (CsrMatrix X, double[] Y) Data(int seed, int n, int p)
    {
        var rng = new Random(seed);
        var a = RandomMatrices.Dense(rng, n, p, 1.0);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j += 97) y[i] += a[i, j];
            y[i] += 0.1 * (rng.NextDouble() - 0.5) + 2;
        }
        return (RandomMatrices.Csr(a), y);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public void AWarmPathSolveAllocatesAboutItsResultNotTheStateBuffers(double alpha)
    {
        // Before: each λ's state allocated its p-sized buffers afresh (w, the packed point, δ, gradient, data sums,
        // correlations, curvatures, the intercept's two, the start copy, the working set's lists), ~16·p doubles per λ on
        // top of the result. Now they pass from state to state: what remains is the solution (p + 1), the objective's two
        // p-sized scratch vectors and the session's small objects.
        const int n = 30, p = 3000;
        var (x, y) = Data(1, n, p);
        var session = new CoordinateDescentPathSession<SquaredLoss>(x, y, default, alpha, true, null, null);
        var options = new CoordinateDescentOptions { Tolerance = 1e-7 };
        double[] grid = LambdaGrid.LogSpaced(session.LambdaMax, 30, 1e-2);
        for (int k = 0; k < 5; k++) session.Solve(grid[k], default, options, true, default);   // warm-up (first buffers, JIT)

        int solves = 0;
        long bytes = Allocations.Least(() =>
        {
            for (int k = 0; k < 8; k++)
            {
                var (result, _) = session.Solve(grid[5 + solves % 25], default, options, true, default);
                Assert.Equal(StopReason.Converged, result.StopReason);
                solves++;
            }
        });
        double perSolve = bytes / 8.0, budget = 5.0 * sizeof(double) * p;
        Assert.True(perSolve <= budget, $"{perSolve:F0} bytes per warm solve; budget {budget:F0} (5·p doubles)");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReusedBuffersGiveTheBitsOfFreshStates(bool logistic)
    {
        // A λ sequence solved by one session, each state taking the last one's buffers (and, for the logistic loss on
        // the Gram engine, its gathered matrix and vectors), against a state built without a predecessor at every λ. Each
        // start is moved off the last solution, so no scores are reused, and the squared loss runs without the Gram
        // engine, whose cache would carry over: the predecessor then adds nothing but buffers, and a stale entry in any
        // of them would show as a different bit.
        const int n = 25, p = 600;
        var (x, y) = Data(2, n, p);
        if (logistic) Check(default(LogisticLoss), y.Select(v => v > 2 ? 1.0 : -1.0).ToArray(), GramMode.Always);
        else Check(default(SquaredLoss), y, GramMode.Never);

        void Check<TLoss>(TLoss loss, double[] labels, GramMode gram) where TLoss : struct, ILoss
        {
            var options = new CoordinateDescentOptions { Tolerance = 1e-9, Gram = gram };
            var session = new CoordinateDescentPathSession<TLoss>(x, labels, loss, 0.8, true, null, null);
            double[] grid = LambdaGrid.LogSpaced(session.LambdaMax, 12, 1e-2);
            double[] start = session.Null.StartPoint();
            foreach (double lambda in grid)
            {
                var (result, _) = session.Solve(lambda, start, options, false, default);
                var fresh = new CoordinateDescentState<TLoss, L1Norm>(session.ObjectiveAt(lambda), start, options);
                var alone = fresh.ToResult(SolverLoop.Run(fresh, options));
                Assert.Equal(StopReason.Converged, result.StopReason);
                Assert.Equal(alone.Objective, result.Objective);
                Assert.Equal(alone.Solution, result.Solution);
                Assert.Equal(alone.Iterations, result.Iterations);
                start = result.Solution.Select(v => 0.999 * v).ToArray();
            }
        }
    }

    [SharedDatasetFact]
    public void APathSolveReadsTheDataOncePerLambdaAfterConvergingOnItsStrongSet()
    {
        // glmnet's order: a λ's solve works on its sequential strong set (gradient, gap, working set) until the strong-set
        // problem is solved, then makes one pass over every unscreened feature, whose gap decides. Before, the first
        // outer iteration read all of X and each later one read every feature the gaps had not screened; on riboflavin
        // (71 × 4,088) the early gaps screen little, so a λ cost well over two passes over X. Every point must still be
        // certified by the full gap at the path tolerance.
        var data = SvmlightReader.Read(DatasetLocator.Find("regression/riboflavin.svm.xz"));
        foreach (double alpha in new[] { 1.0, 0.5 })
        {
            var session = new CoordinateDescentPathSession<SquaredLoss>(data.Features, data.Labels, default, alpha, true, null, null);
            var options = new CoordinateDescentOptions { Tolerance = 1e-7 };
            double[] grid = LambdaGrid.LogSpaced(session.LambdaMax, 40, 1e-2);
            double passes = 0;
            long full = 0;
            foreach (double lambda in grid)
            {
                var (result, _) = session.Solve(lambda, default, options, true, default);
                Assert.Equal(StopReason.Converged, result.StopReason);
                var f = session.ObjectiveAt(lambda);
                // The full gap, recomputed from the data (rounding between two evaluations allowed for).
                double relative = ProximalGradientState.RelativeGap(f.DualityGap(result.Solution), result.Objective);
                Assert.True(relative <= 1.1e-7, $"α = {alpha}, λ = {lambda}: relative gap {relative:E2}");
                var state = session.LastState!;
                passes += state.DataPasses;
                full += state.FullGradientPasses;
            }
            output.WriteLine($"α = {alpha}: {full} full gradient passes, {passes:F1} passes over X for {grid.Length} λ");
            // The strong set holds at almost every λ: one full pass each, a few more where a feature outside it violates.
            Assert.True(full <= grid.Length + 4, $"α = {alpha}: {full} full gradient passes for {grid.Length} λ");
            Assert.True(passes <= 1.5 * grid.Length, $"α = {alpha}: {passes:F1} passes over X for {grid.Length} λ");
        }
    }

    [Fact]
    public void AStateThatGaveAwayItsBuffersRefusesToRun()
    {
        var (x, y) = Data(3, 20, 50);
        var f = new LinearObjective<SquaredLoss, L1Norm>(x, y, default, new L1Norm(0.1), 0, true);
        var options = new CoordinateDescentOptions();
        var first = new CoordinateDescentState<SquaredLoss, L1Norm>(f, default, options);
        var result = first.ToResult(SolverLoop.Run(first, options));
        var next = new CoordinateDescentState<SquaredLoss, L1Norm>(f.WithRegularizer(new L1Norm(0.05)), result.Solution, options, null, first);
        Assert.Contains("cannot be used again", Assert.Throws<InvalidOperationException>(() => first.HasConverged(1e-6)).Message);
        Assert.Contains("cannot be used again", Assert.Throws<InvalidOperationException>(() => first.ToResult(SolverLoop.Run(next, options))).Message);
        // A second successor of the same state finds its buffers gone and allocates its own: it still solves the problem.
        var other = new CoordinateDescentState<SquaredLoss, L1Norm>(f.WithRegularizer(new L1Norm(0.05)), result.Solution, options, null, first);
        var again = other.ToResult(SolverLoop.Run(other, options));
        Assert.True(again.Converged, again.ToString());
        Assert.Equal(CoordinateDescent.Minimize(f.WithRegularizer(new L1Norm(0.05))).Objective, again.Objective, 1e-6 * again.Objective);
    }

    [Fact]
    public void TheUnscreenedListIsTheComplementOfTheScreenedFeaturesInIndexOrder()
    {
        const int n = 20, p = 200;
        var (csr, y) = Data(4, n, p);
        var x = csr.ToCsc();
        double[] a = Enumerable.Repeat(1.0 / n, n).ToArray();
        var columns = new ColumnStatistics(x, a, true);
        var reg = new L1Norm(0.5);
        var options = new CoordinateDescentOptions();
        var rng = new Random(5);
        var set = new WorkingSet<L1Norm>(reg, x, columns, 1.0, options, null);
        Check(set, []);
        var removedSoFar = new List<int>();
        // Gaps from large to small: each screening removes more features; correlations drawn inside (−λ, λ), except every
        // fourth feature's, which sits outside and is never removed.
        foreach (double gap in new[] { 1e-2, 1e-4, 1e-6, 0 })
        {
            double[] c = Enumerable.Range(0, p).Select(j => j % 4 == 0 ? 0.6 : 0.5 * (2 * rng.NextDouble() - 1)).ToArray();
            int[] removed = set.Screen(gap, 1.0, c).ToArray();
            Assert.Equal(removed.Order(), removed);
            Assert.All(removed, j => Assert.DoesNotContain(j, removedSoFar));
            removedSoFar.AddRange(removed);
            Check(set, removedSoFar);
            var w = new double[p];
            set.Select(w, c, c, true, 1.0, false);
            Assert.All(set.Members.ToArray(), j => Assert.False(set.Screened[j]));
        }
        Assert.InRange(set.ScreenedCount, 1, p - p / 4);

        // A working set built on a recycled one's buffers starts with nothing screened.
        var next = new WorkingSet<L1Norm>(reg, x, columns, 1.0, options, null, set);
        Check(next, []);

        static void Check(WorkingSet<L1Norm> set, List<int> removed)
        {
            int[] expected = Enumerable.Range(0, set.Screened.Length).Where(j => !removed.Contains(j)).ToArray();
            Assert.Equal(expected, set.Unscreened.ToArray());
            Assert.Equal(removed, set.ScreenedList.ToArray());
            Assert.Equal(removed.Count, set.ScreenedCount);
            for (int j = 0; j < set.Screened.Length; j++) Assert.Equal(removed.Contains(j), set.Screened[j]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(38)]
    [InlineData(71)]
    public void TheFourColumnKernelGivesTheBitsOfFourSingleColumnCalls(int n)
    {
        // The gradient pass puts dense columns four to a call; the certified gaps, screening and working sets of a path
        // depend on every bit of these sums, so the blocked kernel must add in exactly the single kernel's order.
        var rng = new Random(n);
        const int p = 7;
        double[] s = Enumerable.Range(0, n).Select(_ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-8, 9))).ToArray();
        double[] values = Enumerable.Range(0, n * p).Select(_ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-8, 9))).ToArray();
        int[] rows = Enumerable.Range(0, n).ToArray();
        int[] starts = [5 * n, 0, 3 * n, 6 * n];   // any four columns, in any order
        var sums = new double[4];
        var magnitudes = new double[4];
        ColumnKernels.DenseDotAndMagnitude4(s, values, starts, sums, magnitudes);
        for (int k = 0; k < 4; k++)
        {
            var (sum, magnitude) = ColumnKernels.DotAndMagnitude(s, rows, values.AsSpan(starts[k], n));
            Assert.Equal(BitConverter.DoubleToInt64Bits(sum), BitConverter.DoubleToInt64Bits(sums[k]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(magnitude), BitConverter.DoubleToInt64Bits(magnitudes[k]));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => ColumnKernels.DenseDotAndMagnitude4(s, values, new[] { 0, 0, 0, n * p - n + 1 }, sums, magnitudes));
    }

    /// <summary>The L1 penalty seen only through the separable interface (screening then takes its generic test), counting
    /// the coordinates its whole-vector methods are given (the p-long work of a gap).</summary>
    private readonly struct CountingL1(L1Norm inner, long[] counter) : OptSuite.Prox.ISeparableRegularizer
    {
        public double Value(ReadOnlySpan<double> w) { counter[0] += w.Length; return inner.Value(w); }
        public double Prox(ReadOnlySpan<double> v, double step, Span<double> result) { counter[0] += v.Length; return inner.Prox(v, step, result); }
        public double Conjugate(ReadOnlySpan<double> u) { counter[0] += u.Length; return inner.Conjugate(u); }
        public double ConjugateDomainGauge(ReadOnlySpan<double> u) { counter[0] += u.Length; return inner.ConjugateDomainGauge(u); }
        public bool IsSeparable => true;
        public bool IsSmooth => false;
        public double ValueCoordinate(double wj, int j) => inner.ValueCoordinate(wj, j);
        public double ProxCoordinate(double vj, double step, int j) => inner.ProxCoordinate(vj, step, j);
        public double SubdifferentialDistance(double wj, double gj, int j) => inner.SubdifferentialDistance(wj, gj, j);
        public double ConjugateCoordinate(double uj, int j) => inner.ConjugateCoordinate(uj, j);
        public double ConjugateDomainGaugeCoordinate(double uj, int j) => inner.ConjugateDomainGaugeCoordinate(uj, j);
    }

    [Fact]
    public void TheGapsOfAScreenedSolveDoNoWorkOnTheScreenedFeatures()
    {
        // Every gap used to evaluate R(w), the gauge of the dual point and R* over all p features, although gap-safe
        // screening had removed most of them (w_j = c_j = 0 there); now a gap sums over the unscreened list alone. The
        // solve must still be certified by the full gap, recomputed from the data.
        const int n = 20, p = 3000;
        var (x, y) = Data(11, n, p);
        foreach (double ridge in new[] { 0.0, 0.05 })
        {
            var counter = new long[1];
            var probe = new LinearObjective<SquaredLoss, L1Norm>(x, y, default, new L1Norm(1), ridge, true);
            double lambdaMax = 0;
            var g = new double[p + 1];
            probe.ValueAndGradient(new double[p + 1], g);
            for (int j = 0; j < p; j++) lambdaMax = Math.Max(lambdaMax, Math.Abs(g[j]));
            var l1 = new L1Norm(0.3 * lambdaMax);
            var f = new LinearObjective<SquaredLoss, CountingL1>(x, y, default, new CountingL1(l1, counter), ridge, true);
            var options = new CoordinateDescentOptions { Tolerance = 1e-9 };
            var state = new CoordinateDescentState<SquaredLoss, CountingL1>(f, default, options);
            var result = state.ToResult(SolverLoop.Run(state, options));
            Assert.Equal(StopReason.Converged, result.StopReason);
            long work = counter[0];
            long gaps = state.Counts.Functions, screened = state.ScreenedFeatures;
            output.WriteLine($"μ = {ridge}: {gaps} gaps, {screened} of {p} screened, {work} coordinates of whole-vector penalty work");
            Assert.True(gaps >= 2 && screened >= p / 2, $"μ = {ridge}: {gaps} gaps, {screened} screened");
            // Before: at least 2p per gap. Now none in the solve's gaps (the result's F(x) may read w once).
            Assert.True(work <= p, $"μ = {ridge}: {work} coordinates of whole-vector penalty work in {gaps} gaps");
            var full = new LinearObjective<SquaredLoss, L1Norm>(x, y, default, l1, ridge, true);
            double relative = ProximalGradientState.RelativeGap(full.DualityGap(result.Solution), result.Objective);
            Assert.True(relative <= 1.1e-9, $"μ = {ridge}: relative full gap {relative:E2}");
        }
    }

    [Fact]
    public void TheGapOverTheFeaturesInPlayEqualsTheFullGap()
    {
        // With w_j = c_j = 0 outside the list, the sum over the list is the p-long computation term for term (r_j(0) = 0
        // = r_j*(0) and a zero gauge for the L1 and elastic-net penalties): the same gap and F(x) to rounding.
        const int n = 20, p = 500;
        var (x, y) = Data(12, n, p);
        var rng = new Random(3);
        int[] list = Enumerable.Range(0, p).Where(j => j % 7 == 0).ToArray();
        var point = new double[p + 1];
        foreach (int j in list) point[j] = rng.NextDouble() < 0.3 ? rng.NextDouble() - 0.5 : 0;
        point[p] = 0.1;
        foreach (double ridge in new[] { 0.0, 0.05 })
        {
            var f = new LinearObjective<SquaredLoss, L1Norm>(x, y, default, new L1Norm(0.02), ridge, true);
            var scores = new double[n];
            x.Apply(point.AsSpan(0, p), scores);
            for (int i = 0; i < n; i++) scores[i] += point[p];
            var dual = new double[n];
            f.WeightedDualPoint(scores, dual);
            double[] c = new double[p], cFull = new double[p];
            var csc = x.ToCsc();
            foreach (int j in list)
            {
                double s = 0;
                for (int k = csc.ColumnPointers[j]; k < csc.ColumnPointers[j + 1]; k++) s += dual[csc.RowIndices[k]] * csc.Values[k];
                c[j] = cFull[j] = s;
            }
            double expected = f.DualityGapFromCorrelations(point, scores, cFull, out double expectedValue);
            double gap = f.DualityGapFromCorrelations(point, scores, c, list, out double value);
            Assert.True(double.IsFinite(expected) && expected > 0, $"μ = {ridge}: gap {expected}");
            Assert.Equal(expected, gap, expected * 1e-12);
            Assert.Equal(expectedValue, value, Math.Abs(expectedValue) * 1e-12);
            for (int j = 0; j < p; j++) Assert.Equal(cFull[j], c[j], Math.Abs(cFull[j]) * 1e-12);
        }
    }

    [Fact]
    public void TheL1ScreeningTestRemovesExactlyWhatTheGenericTestRemoves()
    {
        // Screening a weighted L1 penalty compares |c_j| + r with λ_j instead of asking the subdifferential distance at
        // c_j ± r twice; both must remove the same features, ties and unpenalised (λ_j = 0) features included.
        const int n = 12, p = 400;
        var (csr, _) = Data(6, n, p);
        var x = csr.ToCsc();
        var columns = new ColumnStatistics(x, Enumerable.Repeat(1.0 / n, n).ToArray(), false);
        var rng = new Random(7);
        double[] factors = Enumerable.Range(0, p).Select(j => j % 50 == 0 ? 0.0 : 0.5 + rng.NextDouble()).ToArray();
        var l1 = new L1Norm(0.3, factors);
        var options = new CoordinateDescentOptions();
        var fast = new WorkingSet<L1Norm>(l1, x, columns, 1.0, options, null);
        var generic = new WorkingSet<CountingL1>(new CountingL1(l1, new long[1]), x, columns, 1.0, options, null);
        ReadOnlySpan<double> norms = columns.Norms;
        foreach (double gap in new[] { 1e-1, 1e-3, 1e-5, 1e-8, 0 })
        {
            double radius = Math.Sqrt(2 * 1.0 * (gap + 1e-13));
            double[] c = new double[p];
            for (int j = 0; j < p; j++)
            {
                double lambda = l1.StrengthOf(j), r = radius * norms[j] * (1 + 1e-9);
                c[j] = (j % 7) switch
                {
                    0 => lambda - r,                        // on the boundary (to rounding)
                    1 => -(lambda - r),
                    2 => Math.BitIncrement(lambda - r),
                    3 => double.NaN,
                    _ => (2 * rng.NextDouble() - 1) * 1.2 * lambda,
                };
            }
            Assert.Equal(generic.Screen(gap, 1.0, c).ToArray(), fast.Screen(gap, 1.0, c).ToArray());
        }
        Assert.Equal(generic.Unscreened.ToArray(), fast.Unscreened.ToArray());
        Assert.InRange(fast.ScreenedCount, 1, p - 1);
    }
}
