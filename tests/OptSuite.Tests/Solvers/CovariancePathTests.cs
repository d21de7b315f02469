using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Solvers;

/// <summary>
/// Covariance mode (<see cref="CovariancePath"/>) of the squared-loss paths: its p-space gap is the objective's gap, and
/// its paths are the sample-space engine's, every point certified from the data.
/// </summary>
public class CovariancePathTests
{
    private static (double[,] A, double[] Y) Data(int seed, int n, int p, double shift = 0)
    {
        var rng = new Random(seed);
        var a = RandomMatrices.Dense(rng, n, p, 0.7);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            // Correlated columns (as in abalone) make cyclic coordinate descent work.
            if (p > 3) a[i, 3] = a[i, 2] + 0.05 * a[i, 3];
            y[i] = 2 * a[i, 0] - a[i, 2] + 0.5 * a[i, p - 1] + 0.3 * (rng.NextDouble() - 0.5) + 3;
            a[i, 1] += shift;   // a column with a large mean: G must not be formed as XᵀX − x̄x̄ᵀ
        }
        return (a, y);
    }

    [Theory]
    [InlineData(false, false, 1.0, 0.0)]
    [InlineData(true, false, 1.0, 0.0)]
    [InlineData(true, true, 1.0, 1e4)]
    [InlineData(true, true, 0.5, 0.0)]
    [InlineData(false, true, 0.3, 1e4)]
    public void PSpaceGapIsTheObjectivesGap(bool intercept, bool weighted, double alpha, double shift)
    {
        var (a, y) = Data(3, 300, 12, shift);
        var x = RandomMatrices.Csr(a).ToCsc();
        double[] c = Enumerable.Range(0, 300).Select(i => weighted ? 0.5 + i % 4 : 1.0).ToArray();
        double sum = c.Sum();
        var engine = new CovariancePath(x, y, c.Select(v => v / sum).ToArray(), intercept);
        double lambda = 0.05;
        var lambda1 = Enumerable.Repeat(lambda * alpha, 12).ToArray();
        double mu = lambda * (1 - alpha);
        var f = new LinearObjective<SquaredLoss, L1Norm>(x, y, default, new L1Norm(lambda * alpha), mu, intercept, weighted ? c : default);
        var rng = new Random(5);
        for (int trial = 0; trial < 4; trial++)
        {
            var w = Enumerable.Range(0, 12).Select(j => j % 3 == 0 ? 0 : rng.NextDouble() - 0.5).ToArray();
            // Solve with no sweeps only sets the gradient at w; the gap then compares with the objective's at (w, b*).
            engine.Solve(w, default, lambda1, mu, null, 0, 0, 0, default);
            double pGap = engine.Gap(w, lambda1, mu, out double pValue);
            double[] point = intercept ? [.. w, engine.Intercept(w)] : w;
            double value = f.TotalValue(point), gap = f.DualityGap(point);
            Assert.Equal(value, pValue, 1e-10 * Math.Abs(value));
            Assert.Equal(gap, pGap, 1e-9 * Math.Max(Math.Abs(value), Math.Abs(gap)));
            if (intercept)
            {
                // b* = ȳ − x̄ᵀw is the optimal intercept for w: the objective's intercept derivative vanishes there.
                var g = new double[13];
                f.ValueAndGradient(point, g);
                Assert.True(Math.Abs(g[12]) <= 1e-9 * (1 + Math.Abs(y.Average())), $"∂F/∂b = {g[12]}");
            }
        }
    }

    [Theory]
    [InlineData(false, false, 1.0, 0.0)]
    [InlineData(true, false, 1.0, 1e4)]
    [InlineData(true, true, 0.5, 0.0)]
    public void PathsAgreeWithTheSampleSpaceEngineAndEveryPointIsCertifiedFromTheData(bool intercept, bool weighted, double alpha, double shift)
    {
        var (a, y) = Data(7, 400, 10, shift);
        ILinearMap x = RandomMatrices.Csr(a);
        double[]? c = weighted ? Enumerable.Range(0, 400).Select(i => 0.5 + i % 3).Select(v => (double)v).ToArray() : null;
        CoordinateDescentPathResult Run(GramMode mode) => CoordinateDescentPath.Compute(x, y, new SquaredLoss(), new CoordinateDescentPathOptions
        {
            FitIntercept = intercept, L1Ratio = alpha, Count = 40, SampleWeights = c,
            Solver = new CoordinateDescentOptions { Tolerance = 1e-9, Gram = mode, MaxIterations = 100_000 },
        });
        var covariance = Run(GramMode.Auto);
        var samples = Run(GramMode.Never);
        Assert.Equal(samples.LambdaMax, covariance.LambdaMax, 1e-12 * samples.LambdaMax);
        for (int k = 0; k < 40; k++)
        {
            var pc = covariance.Points[k];
            var ps = samples.Points[k];
            Assert.Equal(StopReason.Converged, pc.StopReason);
            Assert.Equal(ps.Objective, pc.Objective, 2e-9 * Math.Abs(ps.Objective));
            // The reported gap is the data's (recomputed here by the objective at the returned point).
            var f = new LinearObjective<SquaredLoss, L1Norm>(x, y, default, new L1Norm(pc.Lambda * alpha), pc.Lambda * (1 - alpha), intercept, c);
            double[] point = intercept ? [.. pc.Coefficients, pc.Intercept] : pc.Coefficients;
            Assert.Equal(f.TotalValue(point), pc.Objective, 1e-13 * Math.Abs(pc.Objective));
            Assert.True(f.DualityGap(point) <= 1e-9 * Math.Abs(pc.Objective) * 1.001, $"point {k}: gap {f.DualityGap(point)}");
        }
    }

    [Fact]
    public void ANearPerfectFitIsStillCertifiedOrHandedToTheSampleSpaceEngine()
    {
        // y = Xβ exactly: at small λ the residual is tiny next to ‖y‖, where the p-space ‖u‖² cancels.
        var (a, _) = Data(11, 200, 6);
        var y = Enumerable.Range(0, 200).Select(i => 3 * a[i, 0] - 2 * a[i, 4] + 1).ToArray();
        var path = CoordinateDescentPath.Compute(RandomMatrices.Csr(a), y, new SquaredLoss(), new CoordinateDescentPathOptions
        {
            FitIntercept = true, Count = 30, MinRatio = 1e-6, Solver = new CoordinateDescentOptions { Tolerance = 1e-10, MaxIterations = 100_000 },
        });
        var reference = CoordinateDescentPath.Compute(RandomMatrices.Csr(a), y, new SquaredLoss(), new CoordinateDescentPathOptions
        {
            FitIntercept = true, Count = 30, MinRatio = 1e-6, Solver = new CoordinateDescentOptions { Tolerance = 1e-10, MaxIterations = 100_000, Gram = GramMode.Never },
        });
        for (int k = 0; k < 30; k++)
        {
            Assert.Equal(StopReason.Converged, path.Points[k].StopReason);
            Assert.True(path.Points[k].Objective <= reference.Points[k].Objective * (1 + 1e-9) + 1e-300, $"point {k}");
        }
    }

    [Fact]
    public void ASweepBudgetRunOutHandsThePointToTheSampleSpaceEngine()
    {
        // One sweep per λ cannot certify most points in p-space; the sample-space engine finishes each from there.
        var (a, y) = Data(13, 300, 10);
        ILinearMap x = RandomMatrices.Csr(a);
        CoordinateDescentPathResult Run(GramMode mode, int sweeps) => CoordinateDescentPath.Compute(x, y, new SquaredLoss(), new CoordinateDescentPathOptions
        {
            FitIntercept = true, Count = 20,
            Solver = new CoordinateDescentOptions { Tolerance = 1e-9, Gram = mode, MaxInnerSweeps = sweeps, MaxIterations = 100_000 },
        });
        var budget = Run(GramMode.Auto, 1);
        var reference = Run(GramMode.Never, 10_000);
        for (int k = 0; k < 20; k++)
        {
            Assert.Equal(StopReason.Converged, budget.Points[k].StopReason);
            Assert.Equal(reference.Points[k].Objective, budget.Points[k].Objective, 2e-9 * Math.Abs(reference.Points[k].Objective));
        }
    }

    [Fact]
    public void ATimeBudgetOrACancelledTokenStopsACovariancePath()
    {
        var (a, y) = Data(17, 400, 12);
        ILinearMap x = RandomMatrices.Csr(a);
        var zero = CoordinateDescentPath.Compute(x, y, new SquaredLoss(), new CoordinateDescentPathOptions
        {
            FitIntercept = true, Count = 5, Solver = new CoordinateDescentOptions { Tolerance = 1e-12, MaxTime = TimeSpan.Zero },
        });
        // λ_max's null model is certified without a sweep; below it the zero budget stops every point.
        Assert.All(zero.Points.Skip(1), pt => Assert.Equal(StopReason.MaxTime, pt.StopReason));
        using var source = new CancellationTokenSource();
        source.Cancel();
        var session = new CoordinateDescentPathSession<SquaredLoss>(x, y, default, 1.0, true, null, null);
        var (r, _) = session.Solve(session.LambdaMax / 10, default, new CoordinateDescentOptions(), true, source.Token);
        Assert.Equal(StopReason.Cancelled, r.StopReason);
        Assert.Equal(session.ObjectiveAt(session.LambdaMax / 10).TotalValue(r.Solution), r.Objective, 1e-13 * r.Objective);
    }
}
