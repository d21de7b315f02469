using MathNet.Numerics.LinearAlgebra;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;
using OptSuite.Tests.Objectives.Linear;
using OptSuite.Tests.Support;
using Xunit.Abstractions;

namespace OptSuite.Tests.Solvers;

public class BlockCoordinateDescentTests(ITestOutputHelper output)
{
    private static readonly BlockCoordinateDescentOptions Tight = new() { Tolerance = 1e-12, MaxIterations = 100_000 };
    private static readonly ProximalGradientOptions Fista = new() { Tolerance = 1e-12, MaxIterations = 500_000 };

    /// <summary>dna.scale (2000×180, in the repository): 60 DNA positions, each one-hot over 3 binary features.</summary>
    internal static (CsrMatrix X, int[] Classes) Dna()
    {
        var ds = SvmlightReader.Read(Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "multiclass", "dna.scale"));
        return (ds.Features, ds.Labels.ToArray().Select(v => (int)v - 1).ToArray());
    }

    /// <summary>The 60 positions of dna as groups of 3 contiguous features.</summary>
    internal static BlockPartition DnaPositions() => BlockPartition.Uniform(60, 3);

    private void Agree(string name, SolverResult bcd, SolverResult pg, ICompositeFunction f, double tolerance = 1e-9, double gapTolerance = 1e-12)
    {
        double fb = f.Value(bcd.Solution) + f.NonsmoothValue(bcd.Solution);
        double fp = f.Value(pg.Solution) + f.NonsmoothValue(pg.Solution);
        output.WriteLine($"{name,-28} BCD {fb:R} ({bcd.Iterations} ep, {bcd.Elapsed.TotalMilliseconds:F1} ms)  PG {fp:R} ({pg.Iterations} it, {pg.Elapsed.TotalMilliseconds:F1} ms)");
        Assert.True(bcd.Converged, $"{name}: {bcd}");
        Assert.True(pg.Converged, $"{name}: {pg}");
        Assert.True(Math.Abs(fb - fp) <= tolerance * Math.Abs(fp), $"{name}: BCD {fb:R} vs PG {fp:R}");
        Assert.InRange(bcd.DualityGap!.Value, -1e-13 * Math.Abs(fb), gapTolerance * Math.Abs(fb) + 1e-15);
        Assert.Equal(bcd.Criterion, bcd.DualityGap!.Value / Math.Abs(fb), 1e-9);
    }

    /// <summary>Random data (n×p, density 0.6) with a noisy response built from the first three groups of 3.</summary>
    private static (CsrMatrix X, double[] Y) GroupData(int seed, int n, int p)
    {
        var rng = new Random(seed);
        var a = RandomMatrices.Dense(rng, n, p, 0.6);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = 0.5 * (rng.NextDouble() - 0.5) + 0.3;
            for (int j = 0; j < 9; j++) y[i] += a[i, j] * Math.Sin(1 + j);
        }
        return (RandomMatrices.Csr(a), y);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GroupLassoAgreesWithProximalGradient(bool intercept)
    {
        var (x, y) = GroupData(20, 200, 30);
        // λ_max = max_g ‖∇_g f(0)‖/√3 (intercept at its optimum for w = 0): a quarter of it keeps some groups at 0.
        var probe = Objective.GroupLasso(x, y, BlockPartition.Uniform(10, 3), 0, intercept);
        var x0 = new double[probe.Dimension];
        if (intercept) x0[^1] = y.Average();
        var grad = new double[probe.Dimension];
        probe.ValueAndGradient(x0, grad);
        double lambdaMax = Enumerable.Range(0, 10).Max(g => Math.Sqrt(grad.Skip(3 * g).Take(3).Sum(v => v * v)) / Math.Sqrt(3));
        var f = Objective.GroupLasso(x, y, BlockPartition.Uniform(10, 3), lambdaMax / 4, intercept);
        var bcd = BlockCoordinateDescent.Minimize(f, default, Tight);
        var pg = ProximalGradient.Minimize(f, default, Fista);
        Agree($"group lasso b={intercept}", bcd, pg, f);
        int active = Enumerable.Range(0, 10).Count(g => bcd.Solution[3 * g] != 0 || bcd.Solution[3 * g + 1] != 0 || bcd.Solution[3 * g + 2] != 0);
        Assert.InRange(active, 1, 9);   // a genuinely group-sparse solution
    }

    [Fact]
    public void GroupLogisticRegressionAndL21OnPairsAgreeWithProximalGradient()
    {
        var (x, y) = GroupData(27, 200, 30);
        var labels = y.Select(v => v > y.Average() ? 1.0 : -1.0).ToArray();
        var f = new LinearObjective<LogisticLoss, GroupLasso>(x, labels, default, new GroupLasso(BlockPartition.Uniform(10, 3), 0.01), 0, fitIntercept: true);
        Agree("group logistic", BlockCoordinateDescent.Minimize(f, default, Tight), ProximalGradient.Minimize(f, default, Fista), f);
        // L2,1 of the 15×2 reshaping of w: blocks are consecutive pairs of coefficients.
        var pairs = new LinearObjective<SquaredLoss, L21Norm>(x, y, default, new L21Norm(15, 2, 0.03), 0.01, fitIntercept: true);
        Agree("L21 on pairs", BlockCoordinateDescent.Minimize(pairs, default, Tight), ProximalGradient.Minimize(pairs, default, Fista), pairs);
    }

    [Fact]
    public void ScatteredGroupsWeightsAndRidgeAgreeWithProximalGradient()
    {
        var (a, y) = MultiTaskLinearObjectiveTests.Data(21, 80, 12, 1);
        int[] labels = [0, 1, 2, 0, 1, 2, 3, 3, 0, 4, 4, 1];   // groups of mixed sizes, not contiguous
        var groups = BlockPartition.FromGroupLabels(labels);
        var c = Enumerable.Range(0, 80).Select(i => 0.5 + i % 5).ToArray();
        foreach (ILinearMap x in new ILinearMap[] { DenseMatrix.FromArray(a), RandomMatrices.Csr(a).ToCsc() })
        {
            var f = new LinearObjective<SquaredLoss, GroupLasso>(x, y, default, new GroupLasso(groups, 0.05), 0.01, true, c);
            var cyclic = BlockCoordinateDescent.Minimize(f, default, Tight);
            var random = BlockCoordinateDescent.Minimize(f, default, Tight with { Order = CoordinateOrder.Random, Seed = 3, ActiveSetCycling = false });
            var pg = ProximalGradient.Minimize(f, default, Fista);
            Agree($"scattered {x.GetType().Name}", cyclic, pg, f);
            Agree($"scattered random {x.GetType().Name}", random, pg, f);
        }
    }

    [Theory]
    [InlineData(1.0, false)]
    [InlineData(1.0, true)]
    [InlineData(0.5, true)]
    public void MultiTaskLassoAndElasticNetAgreeWithProximalGradient(double l1Ratio, bool intercept)
    {
        var (a, y) = MultiTaskLinearObjectiveTests.Data(28, 150, 20, 4);
        var f = Objective.MultiTaskElasticNet(RandomMatrices.Csr(a), y, 4, 0.03, l1Ratio, intercept);
        var bcd = BlockCoordinateDescent.Minimize(f, default, Tight);
        var random = BlockCoordinateDescent.Minimize(f, default, Tight with { Order = CoordinateOrder.Random, Seed = 5 });
        var pg = ProximalGradient.Minimize(f, default, Fista);
        Agree($"multi-task ρ={l1Ratio} b={intercept}", bcd, pg, f);
        Agree($"multi-task random ρ={l1Ratio} b={intercept}", random, pg, f);
        if (intercept) Assert.Equal(bcd.Solution.AsSpan(20 * 4).ToArray(), bcd.Intercepts);
        int zeroRows = Enumerable.Range(0, 20).Count(j => Enumerable.Range(0, 4).All(c => bcd.Solution[j * 4 + c] == 0));
        if (l1Ratio == 1) Assert.InRange(zeroRows, 1, 19);   // whole rows vanish together
    }

    [Fact]
    public void WeightedMultiTaskAgreesWithProximalGradientAndSeedsRepeatBitForBit()
    {
        var (a, y) = MultiTaskLinearObjectiveTests.Data(29, 90, 12, 3);
        var c = Enumerable.Range(0, 90).Select(i => i % 4 == 0 ? 0.0 : 1.0 + i % 3).ToArray();
        var f = new MultiTaskLinearObjective<L21Norm>(DenseMatrix.FromArray(a), y, 3, new L21Norm(12, 3, 0.02), 0.005, true, c);
        var options = Tight with { Order = CoordinateOrder.Random, Seed = 11, TraceEvery = 1 };
        var first = BlockCoordinateDescent.Minimize(f, default, options);
        var second = BlockCoordinateDescent.Minimize(f, default, options);
        Agree("weighted multi-task", first, ProximalGradient.Minimize(f, default, Fista), f);
        Assert.Equal(first.Solution, second.Solution);
        Assert.Equal(first.Iterations + 1, first.Trace.Count);
        for (int t = 1; t < first.Trace.Count; t++) Assert.True(first.Trace[t].Objective <= first.Trace[t - 1].Objective + 1e-15, "F increased");
    }

    [Fact]
    public void SingletonBlocksReproduceCoordinateDescentOnTheLasso()
    {
        var (a, y) = MultiTaskLinearObjectiveTests.Data(22, 70, 15, 1);
        var x = RandomMatrices.Csr(a);
        var lasso = Objective.Lasso(x, y, 0.02, fitIntercept: true);
        var singletons = new LinearObjective<SquaredLoss, GroupLasso>(x, y, default,
            new GroupLasso(BlockPartition.Uniform(15, 1), 0.02), 0, fitIntercept: true);
        var cd = CoordinateDescent.Minimize(lasso, default, new CoordinateDescentOptions { Tolerance = 1e-13 });
        var bcd = BlockCoordinateDescent.Minimize(singletons, default, Tight with { Tolerance = 1e-13 });
        for (int j = 0; j < lasso.Dimension; j++) Assert.Equal(cd.Solution[j], bcd.Solution[j], 1e-9);
    }

    [Fact]
    public void BlockLipschitzConstantsAreTheTopEigenvaluesOfTheBlockGramMatrices()
    {
        var (a, y) = MultiTaskLinearObjectiveTests.Data(23, 40, 9, 1);
        var groups = BlockPartition.FromSizes([1, 3, 5]);
        var c = Enumerable.Range(0, 40).Select(i => 1.0 + i % 3).ToArray();
        var f = new LinearObjective<LogisticLoss, GroupLasso>(DenseMatrix.FromArray(a), y.Select(v => v > 0 ? 1.0 : -1.0).ToArray(),
            default, new GroupLasso(groups, 0.1), 0.3, false, c);
        var state = new BlockCoordinateDescentState<LogisticLoss, GroupLasso>(f, f.Data, f.Labels, 1, f.SampleWeights, f.Ridge,
            false, default, f.Regularizer, default, new BlockCoordinateDescentOptions());
        double total = c.Sum();
        for (int g = 0; g < 3; g++)
        {
            var cols = groups.Block(g).ToArray();
            var gram = Matrix<double>.Build.Dense(cols.Length, cols.Length, (r, s) =>
                Enumerable.Range(0, 40).Sum(i => c[i] / total * a[i, cols[r]] * a[i, cols[s]]));
            double top = gram.Evd(Symmetricity.Symmetric).EigenValues.Max(e => e.Real);
            Assert.Equal(0.25 * top + 0.3, state.BlockLipschitz[g], 1e-13);
        }
    }

    [Fact]
    public void JacobiMatchesMathNetOnAnIllConditionedMatrix()
    {
        var rng = new Random(24);
        int m = 40;
        var b = Matrix<double>.Build.Dense(m, m, (i, j) => rng.NextDouble() - 0.5);
        var s = b.TransposeThisAndMultiply(b) + Matrix<double>.Build.DenseDiagonal(m, m, i => i == 0 ? 1e6 : 1e-8);
        var copy = new double[m * m];
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) copy[i * m + j] = s[i, j];
        double expected = s.Evd(Symmetricity.Symmetric).EigenValues.Max(e => e.Real);
        Assert.Equal(expected, SymmetricEigen.Largest(copy, m), 1e-9 * expected);
    }

    [Fact]
    public void StepDoesNotAllocateAndTheStartIsUntouched()
    {
        var (a, y) = MultiTaskLinearObjectiveTests.Data(25, 60, 10, 3);
        var f = Objective.MultiTaskLasso(RandomMatrices.Csr(a), y, 3, 0.02, fitIntercept: true);
        var x0 = Enumerable.Range(0, f.Dimension).Select(i => 0.01 * i).ToArray();
        var copy = x0.ToArray();
        var s = new BlockCoordinateDescentState<SquaredLoss, L21Norm>(f, f.Data, f.Targets, 3, default, 0, true, default, f.Regularizer, x0,
            new BlockCoordinateDescentOptions { Order = CoordinateOrder.Random, GapCheckEvery = 1000 });
        s.Step();
        Assert.Equal(0, Allocations.Least(() => { for (int i = 0; i < 10; i++) { s.Step(); s.HasConverged(0); } }));

        var r = BlockCoordinateDescent.Minimize(f, x0, Tight);
        Assert.Equal(copy, x0);
        var warm = BlockCoordinateDescent.Minimize(f, r.Solution, Tight);
        Assert.Equal(0, warm.Iterations);

        var dual = Objective.MulticlassLinearSvmDual(RandomMatrices.Csr(a), Enumerable.Range(0, 60).Select(i => i % 3).ToArray(), 3, 1.0);
        var cs = new MulticlassSvmDualState(dual, default, new DualCoordinateDescentOptions { GapCheckEvery = 1000 });
        cs.Step();
        Assert.Equal(0, Allocations.Least(() => { for (int i = 0; i < 10; i++) { cs.Step(); cs.HasConverged(0); } }));
    }

    [Fact]
    public void BadInputIsRejected()
    {
        var (a, y) = MultiTaskLinearObjectiveTests.Data(26, 20, 4, 2);
        var x = DenseMatrix.FromArray(a);
        // Blocks that cut rows of W apart: a group lasso over the 4×2 entries in pairs (0,1), (2,3)... is rows; (1,2) is not.
        var cut = new MultiTaskLinearObjective<GroupLasso>(x, y, 2, new GroupLasso(BlockPartition.FromSizes([1, 2, 2, 2, 1]), 0.1));
        var e = Assert.Throws<ArgumentException>(() => BlockCoordinateDescent.Minimize(cut));
        Assert.Equal("objective", e.ParamName);
        Assert.Contains("whole rows", e.Message);
        var rows = new MultiTaskLinearObjective<GroupLasso>(x, y, 2, new GroupLasso(BlockPartition.FromSizes([4, 2, 2]), 0.1));
        Assert.True(BlockCoordinateDescent.Minimize(rows, default, Tight).Converged);   // groups of whole rows are fine

        var single = y.Where((_, i) => i % 2 == 0).Select(v => v > 0 ? 1.0 : -1.0).ToArray();
        var hinge = new LinearObjective<HingeLoss, GroupLasso>(x, single, default, new GroupLasso(BlockPartition.Uniform(2, 2), 0.1));
        Assert.Contains("Lipschitz", Assert.Throws<ArgumentException>(() => BlockCoordinateDescent.Minimize(hinge)).Message);
        var f = Objective.MultiTaskLasso(x, y, 2, 0.1);
        Assert.Equal("x0", Assert.Throws<ArgumentException>(() => BlockCoordinateDescent.Minimize(f, new double[3])).ParamName);
        Assert.Contains("GapCheckEvery", Assert.Throws<ArgumentException>(() =>
            BlockCoordinateDescent.Minimize(f, default, new BlockCoordinateDescentOptions { GapCheckEvery = 0 })).Message);
        var capped = BlockCoordinateDescent.Minimize(f, default, new BlockCoordinateDescentOptions { MaxIterations = 1, Tolerance = 0 });
        Assert.Equal(StopReason.MaxIterations, capped.StopReason);
    }

    /// <summary>
    /// The exact block step (squared loss, Euclidean-norm penalty): ½vᵀHv − bᵀv + τ‖v‖ is minimised where
    /// Hv − b + τv/‖v‖ = 0 (v ≠ 0), or at v = 0 when ‖b‖ ≤ τ; checked on blocks with eigenvalues spread over 10⁸.
    /// </summary>
    [Fact]
    public void ExactBlockStepSolvesTheBlockProblem()
    {
        var rng = new Random(5);
        foreach (int m in new[] { 2, 3, 6 })
            for (int trial = 0; trial < 20; trial++)
            {
                // H = QΛQᵀ with a random orthonormal Q (Jacobi on a random symmetric matrix) and Λ over 1e-4 … 1e4.
                var sym = new double[m * m];
                for (int r = 0; r < m; r++) for (int s = r; s < m; s++) sym[r * m + s] = sym[s * m + r] = rng.NextDouble() - 0.5;
                var values = new double[m];
                var q = new double[m * m];
                SymmetricEigen.Decompose(sym, m, values, q);
                var h = Enumerable.Range(0, m).Select(e => Math.Pow(10, -4 + 8.0 * rng.NextDouble())).ToArray();
                var b = Enumerable.Range(0, m).Select(_ => 10 * (rng.NextDouble() - 0.5)).ToArray();
                double tau = trial % 5 == 0 ? 1.5 * Math.Sqrt(b.Sum(v => v * v)) : Math.Sqrt(b.Sum(v => v * v)) * rng.NextDouble();
                var c = new double[m];
                for (int e = 0; e < m; e++) for (int r = 0; r < m; r++) c[e] += q[r * m + e] * b[r];
                ExactBlockStep.Solve(h, c, tau);
                var v = new double[m];
                for (int r = 0; r < m; r++) for (int e = 0; e < m; e++) v[r] += q[r * m + e] * c[e];
                double norm = Math.Sqrt(v.Sum(t => t * t));
                if (trial % 5 == 0) { Assert.Equal(0.0, norm); continue; }
                Assert.True(norm > 0, $"m={m} trial {trial}: v = 0 although ‖b‖ > τ");
                for (int r = 0; r < m; r++)
                {
                    double hv = 0;
                    for (int t = 0; t < m; t++)
                        for (int e = 0; e < m; e++) hv += q[r * m + e] * h[e] * q[t * m + e] * v[t];
                    double residual = hv - b[r] + tau * v[r] / norm;
                    Assert.True(Math.Abs(residual) <= 1e-9 * (Math.Abs(b[r]) + tau + Math.Abs(hv)), $"m={m} trial {trial} row {r}: residual {residual:E2}");
                }
            }
    }

    /// <summary>
    /// Columns whose means dwarf their spread (by up to ~10³) and whose scales differ by 10⁴ within a group (raw data): the intercept is
    /// eliminated exactly and each group is minimised exactly, so the solution (the same w, the intercept shifted by the
    /// column shifts) comes in about as many epochs as on the centred data. Before, the intercept was a once-per-epoch
    /// step and groups took prox steps with their largest curvature: the shifted problem used its 10⁴ epochs.
    /// </summary>
    [Fact]
    public void GroupLassoIgnoresColumnMeansAndScalesWithinGroups()
    {
        var (x, y) = GroupData(31, 300, 12);
        var dense = x.ToDense();
        var scale = Enumerable.Range(0, 12).Select(j => j % 3 == 0 ? 100.0 : j % 3 == 1 ? 1.0 : 0.01).ToArray();
        var rows = Enumerable.Range(0, 300).Select(i => Enumerable.Range(0, 12).Select(j => dense.Row(i)[j] * scale[j]).ToArray()).ToList();
        // Means up to ~10³ times the spread; far larger ones leave the gap at the rounding of the scores (ε·|x|·|z|/λ).
        var shifted = rows.Select(r => r.Select((v, j) => v + 30.0 * (j + 1) * scale[j]).ToArray()).ToList();
        var groups = BlockPartition.Uniform(4, 3);
        var f = Objective.GroupLasso(DenseMatrix.FromRows(rows), y, groups, 0.02, fitIntercept: true);
        var g = Objective.GroupLasso(DenseMatrix.FromRows(shifted), y, groups, 0.02, fitIntercept: true);
        var options = new BlockCoordinateDescentOptions { Tolerance = 1e-7 };
        var plain = BlockCoordinateDescent.Minimize(f, default, options);
        var raw = BlockCoordinateDescent.Minimize(g, default, options);
        output.WriteLine($"centred-ish: {plain.Iterations} epochs; shifted: {raw.Iterations} epochs, gap {raw.DualityGap:E2}");
        Assert.True(plain.Converged, plain.ToString());
        Assert.True(raw.Converged, raw.ToString());
        Assert.True(raw.Iterations <= 2 * plain.Iterations + 10, $"{raw.Iterations} epochs on shifted columns against {plain.Iterations}");
        double wNorm = Math.Sqrt(plain.Solution.Take(12).Sum(v => v * v));
        for (int j = 0; j < 12; j++) Assert.True(Math.Abs(raw.Solution[j] - plain.Solution[j]) <= 1e-4 * wNorm, $"w[{j}]: {raw.Solution[j]} vs {plain.Solution[j]}");
    }
}
