using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Objectives.Linear;

/// <summary>
/// The pieces a column-access solver uses to certify a point without extra passes over the data:
/// <see cref="LinearObjective{TLoss, TReg}.WeightedDualPoint"/> with <see cref="LinearObjective{TLoss, TReg}.DualityGapFromCorrelations(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>
/// (full and reduced gaps), <see cref="LinearObjective{TLoss, TReg}.TotalValue(ReadOnlySpan{double}, ReadOnlySpan{double})"/>,
/// the shift-balanced dual point and <see cref="LinearObjective{TLoss, TReg}.WithRegularizer"/>.
/// </summary>
public class DualCorrelationsTests
{
    private static (CsrMatrix X, double[] Y, double[] Bin, double[] Weights) Data(int seed, int n = 80, int p = 30)
    {
        var rng = new Random(seed);
        var a = RandomMatrices.Dense(rng, n, p, 0.5);
        var y = new double[n]; var bin = new double[n]; var c = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z = 0.7 * a[i, 0] - 1.2 * a[i, 3] + 0.4 * a[i, 7];
            y[i] = z + 0.2 * (rng.NextDouble() - 0.5) + 1.5;
            bin[i] = z + 0.3 * (rng.NextDouble() - 0.5) > 0 ? 1 : -1;
            c[i] = 0.5 + rng.NextDouble();
        }
        return (RandomMatrices.Csr(a), y, bin, c);
    }

    private static double[] Scores(ILinearMap x, ReadOnlySpan<double> point, bool intercept)
    {
        var z = new double[x.Rows];
        x.Apply(point[..x.Columns], z);
        if (intercept) for (int i = 0; i < z.Length; i++) z[i] += point[x.Columns];
        return z;
    }

    private static double[] Point(int seed, int dimension, Func<int, bool>? zero = null)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, dimension).Select(j => zero?.Invoke(j) == true ? 0 : rng.NextDouble() - 0.5).ToArray();
    }

    public static TheoryData<string, bool, bool> Cases => new()
    {
        { "squared", false, false }, { "squared", true, false }, { "squared", true, true },
        { "logistic", false, false }, { "logistic", true, true }, { "huber", true, false },
    };

    /// <summary>Runs the check on the objective of <paramref name="loss"/> (squared, logistic or huber) over the test data.</summary>
    private interface ICheck
    {
        void Run<TLoss>(LinearObjective<TLoss, TestL1> f) where TLoss : struct, ILoss;
    }

    private static void ForLoss<TCheck>(string loss, bool intercept, bool weighted) where TCheck : struct, ICheck
    {
        var (x, y, bin, c) = Data(4);
        ReadOnlySpan<double> weights = weighted ? c : default;
        switch (loss)
        {
            case "squared": default(TCheck).Run(new LinearObjective<SquaredLoss, TestL1>(x, y, default, new TestL1(0.05), 0.01, intercept, weights)); break;
            case "logistic": default(TCheck).Run(new LinearObjective<LogisticLoss, TestL1>(x, bin, default, new TestL1(0.02), 0, intercept, weights)); break;
            default: default(TCheck).Run(new LinearObjective<HuberLoss, TestL1>(x, y, new HuberLoss(0.3), new TestL1(0.05), 0, intercept, weights)); break;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GapFromFullCorrelationsIsTheGap(string loss, bool intercept, bool weighted) => ForLoss<FullGapCheck>(loss, intercept, weighted);

    private readonly struct FullGapCheck : ICheck
    {
        public void Run<TLoss>(LinearObjective<TLoss, TestL1> f) where TLoss : struct, ILoss => FullGap(f);
    }

    private static void FullGap<TLoss>(LinearObjective<TLoss, TestL1> f) where TLoss : struct, ILoss
    {
        var x = Point(9, f.Dimension);
        var z = Scores(f.Data, x, f.FitIntercept);
        var dual = new double[f.Samples];
        f.WeightedDualPoint(z, dual);
        var c = new double[f.Features];
        f.Data.ApplyTranspose(dual, c);
        double gap = f.DualityGapFromCorrelations(x, z, c, out double value);
        Assert.Equal(f.TotalValue(x), value, 1e-14 * Math.Abs(value));

        var expected = new double[f.Features];
        double reference = f.DualityGap(x, z, expected);
        Assert.Equal(reference, gap, 1e-12 * Math.Max(1, Math.Abs(reference)));
        Assert.Equal(f.DualityGap(x), gap, 1e-12 * Math.Max(1, Math.Abs(reference)));
        for (int j = 0; j < c.Length; j++) Assert.Equal(expected[j], c[j], 1e-12);
        if (f.FitIntercept)
        {
            double balance = 0;
            for (int i = 0; i < dual.Length; i++) balance += dual[i];
            Assert.True(Math.Abs(balance) <= 1e-14 * dual.Sum(Math.Abs), $"Σ a_i u_i = {balance}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReducedGapStillBoundsTheSuboptimality(string loss, bool intercept, bool weighted) => ForLoss<ReducedGapCheck>(loss, intercept, weighted);

    private readonly struct ReducedGapCheck : ICheck
    {
        public void Run<TLoss>(LinearObjective<TLoss, TestL1> f) where TLoss : struct, ILoss => ReducedGap(f);
    }

    private static void ReducedGap<TLoss>(LinearObjective<TLoss, TestL1> f) where TLoss : struct, ILoss
    {
        var best = CoordinateDescent.Minimize(f, default, new CoordinateDescentOptions { Tolerance = 1e-13, MaxIterations = 50_000 });
        Assert.True(best.Converged, best.ToString());
        // Features zero at the optimum with slack in their dual constraint: the ones a safe rule may eliminate.
        var fullC = new double[f.Features];
        f.DualityGap(best.Solution, Scores(f.Data, best.Solution, f.FitIntercept), fullC);
        bool[] eliminated = Enumerable.Range(0, f.Features).Select(j => best.Solution[j] == 0 && Math.Abs(fullC[j]) < 0.8 * 0.05).ToArray();
        Assert.True(eliminated.Count(e => e) >= 5, $"only {eliminated.Count(e => e)} features can be eliminated");

        for (int seed = 0; seed < 5; seed++)
        {
            // A point near the optimum (the regime where a solver checks), zero on the eliminated features.
            var x = best.Solution.ToArray();
            var rng = new Random(seed);
            for (int j = 0; j < x.Length; j++) x[j] = j < f.Features && eliminated[j] ? 0 : x[j] + 0.05 * (rng.NextDouble() - 0.5) / (seed + 1);
            var z = Scores(f.Data, x, f.FitIntercept);
            var dual = new double[f.Samples];
            f.WeightedDualPoint(z, dual);
            var c = new double[f.Features];
            f.Data.ApplyTranspose(dual, c);
            for (int j = 0; j < c.Length; j++) if (eliminated[j]) c[j] = 0;
            double reduced = f.DualityGapFromCorrelations(x, z, c);
            double suboptimality = f.TotalValue(x) - best.Objective;
            double slack = 1e-12 * Math.Abs(best.Objective);
            Assert.True(reduced >= suboptimality - slack, $"reduced {reduced:R} < F − F* = {suboptimality:R}");
        }
    }

    [Fact]
    public void ShiftBalancingIsUsedExactlyWhenEveryConjugateDomainIsTheLine()
    {
        var (x, y, bin, _) = Data(5);
        Assert.True(new LinearObjective<SquaredLoss, TestL1>(x, y, default, new TestL1(0.1), 0, true).BalancesDualByShift);
        Assert.False(new LinearObjective<LogisticLoss, TestL1>(x, bin, default, new TestL1(0.1), 0, true).BalancesDualByShift);
        Assert.False(new LinearObjective<HuberLoss, TestL1>(x, y, new HuberLoss(1), new TestL1(0.1), 0, true).BalancesDualByShift);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TotalValueFromScoresMatchesTheProduct(bool intercept)
    {
        var (x, y, _, c) = Data(6);
        var f = new LinearObjective<SquaredLoss, TestL1>(x, y, default, new TestL1(0.1), 0.02, intercept, c);
        var point = Point(3, f.Dimension);
        Assert.Equal(f.TotalValue(point), f.TotalValue(point, Scores(x, point, intercept)), 1e-14 * f.TotalValue(point));
        var e = Assert.Throws<ArgumentException>(() => f.TotalValue(point, new double[3]));
        Assert.Equal("scores", e.ParamName);
    }

    [Fact]
    public void WithRegularizerIsTheObjectiveBuiltAfresh()
    {
        var (x, y, _, c) = Data(7);
        var first = new LinearObjective<SquaredLoss, TestL1>(x, y, default, new TestL1(0.3), 0.0, true, c);
        var derived = first.WithRegularizer(new TestL1(0.05), 0.02);
        var fresh = new LinearObjective<SquaredLoss, TestL1>(x, y, default, new TestL1(0.05), 0.02, true, c);
        var point = Point(8, fresh.Dimension);
        Assert.Equal(fresh.TotalValue(point), derived.TotalValue(point));
        Assert.Equal(fresh.DualityGap(point), derived.DualityGap(point));
        Assert.Equal(0.02, derived.Ridge);
        Assert.Equal(0.3 * point.Take(30).Sum(Math.Abs), first.NonsmoothValue(point), 1e-12);   // the source is unchanged
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => first.WithRegularizer(new TestL1(0.1), -1));
        Assert.Equal("ridge", e.ParamName);
    }
}
