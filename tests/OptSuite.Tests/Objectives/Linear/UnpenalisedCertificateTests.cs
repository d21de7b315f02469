using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Distributed;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;

namespace OptSuite.Tests.Objectives.Linear;

/// <summary>
/// The duality gap with unpenalised coefficients (zero penalty factors) bounds F(x) − F* itself: the dual point is projected
/// onto the unpenalised columns' constraints, not evaluated with those coefficients held where they are. On abalone with
/// feature 0 in other units (scaled by 1e-7), a point whose unpenalised coefficient is off by 5·10³ while its correlation is
/// below 10⁻⁹ of the largest (what the held-value rule took as fitted) has F − F* ≈ 10⁻⁸ above the optimum: the gap must
/// be at least that, on dense, CSR, CSC, row-blocked and distributed data alike. A zero factor with a one-sided bound is
/// certified off its optimum (the held-value rule returned +∞ there) and at the end of a coordinate-descent fit.
/// </summary>
public class UnpenalisedCertificateTests
{
    private const double Lambda = 0.05, Scale = 1e-7;

    /// <summary>The rounding of F's sum over abalone's 4,177 rows, relative to F (n·ε), allowed between a gap and F − F*.</summary>
    private const double Rounding = 1e-12;

    private static readonly double[] Factors = [0, 1, 1, 2, 1, 0.5, 1, 1];

    /// <summary>abalone_scale, dense, with feature 0 multiplied by <see cref="Scale"/>.</summary>
    private static (DenseMatrix X, double[] Y) Abalone()
    {
        var d = SvmlightReader.Read(DatasetLocator.Find("regression/abalone_scale"));
        var x = d.Features.ToDense().ToArray();
        for (int i = 0; i < x.GetLength(0); i++) x[i, 0] *= Scale;
        return (DenseMatrix.FromArray(x), d.Labels);
    }

    private static LinearObjective<SquaredLoss, L1Norm> Lasso(ILinearMap x, double[] y) =>
        new(x, y, default, new L1Norm(Lambda, Factors), fitIntercept: true);

    /// <summary>The optimum by coordinate descent to a 1e-13 relative gap.</summary>
    private static SolverResult Optimum<TReg>(LinearObjective<SquaredLoss, TReg> f) where TReg : struct, OptSuite.Prox.ISeparableRegularizer
    {
        var r = CoordinateDescent.Minimize(f, default, new CoordinateDescentOptions { Tolerance = 1e-13, MaxIterations = 1_000_000 });
        Assert.True(r.StopReason == StopReason.Converged, $"{r.StopReason} after {r.Iterations}: criterion {r.Criterion:E3}, gap {r.DualityGap:E3}");
        return r;
    }

    /// <summary>(w_0* + 5·10³, the penalised coefficients and intercept fitted with w_0 held there): F − F* ≈ ½h·(5·10³)² with h the
    /// tiny curvature along column 0, while w_0's correlation is ~h·5·10³.</summary>
    private static double[] OffPoint(DenseMatrix x, double[] y, double[] optimum)
    {
        int n = x.Rows, p = x.Columns;
        double w0 = optimum[0] + 5e3;
        var rest = new double[n * (p - 1)];
        var shifted = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 1; j < p; j++) rest[i * (p - 1) + j - 1] = x[i, j];
            shifted[i] = y[i] - w0 * x[i, 0];
        }
        var held = new LinearObjective<SquaredLoss, L1Norm>(new DenseMatrix(n, p - 1, rest), shifted, default,
            new L1Norm(Lambda, Factors.AsSpan(1)), fitIntercept: true);
        double[] restricted = Optimum(held).Solution;
        return [w0, .. restricted];
    }

    [Fact]
    public void GapBoundsTheSuboptimalityWhenAnUnpenalisedCoefficientIsOff()
    {
        var (x, y) = Abalone();
        var f = Lasso(x, y);
        SolverResult best = Optimum(f);
        double fStar = best.Objective;
        double[] point = OffPoint(x, y, best.Solution);
        double value = f.TotalValue(point);
        double excess = value - fStar;
        // The premise: far above rounding, while the unpenalised coordinate's correlation is below 10⁻⁹ of the largest —
        // what the held-value rule accepted as fitted (it then bounded only the problem with w_0 held).
        Assert.True(excess > 1e-9 * fStar, $"F − F* = {excess:E3}");
        var gradient = new double[f.Dimension];
        f.ValueAndGradient(point, gradient);
        double largest = gradient.Take(x.Columns).Skip(1).Max(Math.Abs);
        Assert.True(Math.Abs(gradient[0]) < 1e-9 * largest, $"∂F/∂w_0 = {gradient[0]:E3}, largest {largest:E3}");

        double gap = f.DualityGap(point);
        Assert.True(double.IsFinite(gap), $"gap {gap}");
        Assert.True(gap >= excess - Rounding * fStar, $"gap {gap:E6} below F − F* = {excess:E6}");

        // The optimum itself stays certified.
        double gapAtOptimum = f.DualityGap(best.Solution);
        Assert.True(gapAtOptimum <= 1e-13 * fStar, $"gap at the optimum {gapAtOptimum:E3}");

        // Every storage gives the same gap (the projection reads columns through products only).
        var csr = Support.RandomMatrices.Csr(x.ToArray());
        foreach (ILinearMap other in new ILinearMap[] { csr, csr.ToCsc(), new RowBlockedMatrix(x, 500), x.ToLayout(MatrixLayout.ColumnMajor) })
            Assert.Equal(gap, Lasso(other, y).DualityGap(point), 1e-9 * gap);
        double[] distributed = InProcessCommunicator.Run(3, c =>
        {
            int n = x.Rows, first = n * c.Rank / c.Size, last = n * (c.Rank + 1) / c.Size;
            int[] rows = Enumerable.Range(first, last - first).ToArray();
            var local = x.SelectRows(rows);
            return Lasso(new DistributedRows(local, c), y[first..last]).DualityGap(point);
        });
        Assert.All(distributed, g => Assert.Equal(gap, g, 1e-9 * gap));
    }

    /// <summary>A zero factor with a lower bound 0 (free upwards only) whose coefficient is positive at the optimum: below it
    /// the correlation has the infeasible sign, which no rescaling repairs; the projection does, and the gap bounds F − F*.</summary>
    [Fact]
    public void ZeroFactorWithAOneSidedBoundIsCertified()
    {
        var d = SvmlightReader.Read(DatasetLocator.Find("regression/abalone_scale"));
        int p = d.Columns;
        double[] lower = Enumerable.Repeat(double.NegativeInfinity, p).ToArray(), upper = Enumerable.Repeat(double.PositiveInfinity, p).ToArray();
        const int index = 0;   // the zero factor
        var free = new LinearObjective<SquaredLoss, L1Norm>(d.Features, d.Labels, default, new L1Norm(Lambda, Factors), fitIntercept: true);
        double[] unbounded = Optimum(free).Solution;
        // The unpenalised coefficient of the unbounded fit, bounded on the side it does not reach.
        double sign = Math.Sign(unbounded[index]);
        Assert.NotEqual(0, sign);
        if (sign > 0) lower[index] = 0; else upper[index] = 0;
        var f = new LinearObjective<SquaredLoss, BoundedElasticNet>(d.Features, d.Labels, default,
            new BoundedElasticNet(Lambda, 1, Factors, lower, upper), fitIntercept: true);

        SolverResult fit = Optimum(f);
        Assert.True(fit.DualityGap is { } g && Math.Abs(g) <= 1e-13 * Math.Abs(fit.Objective), $"gap {fit.DualityGap}");
        Assert.Equal(unbounded[index], fit.Solution[index], 1e-6 * Math.Abs(unbounded[index]));

        // Off the optimum towards the bound: ∂F/∂w_0 has the sign a free-upwards coordinate may not have.
        double[] point = (double[])fit.Solution.Clone();
        point[index] -= 0.05 * point[index];
        var gradient = new double[f.Dimension];
        f.ValueAndGradient(point, gradient);
        Assert.True(sign * gradient[index] < 0, $"∂F/∂w_{index} = {gradient[index]}");
        double gap = f.DualityGap(point);
        double excess = f.TotalValue(point) - fit.Objective;
        Assert.True(double.IsFinite(gap), $"gap {gap}");
        Assert.True(gap >= excess - Rounding * fit.Objective, $"gap {gap:R} below F − F* = {excess:R}");
    }
}
