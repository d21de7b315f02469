using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives.Losses;
using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Solvers;

/// <summary>
/// Anderson extrapolation of coordinate-descent sweeps (<see cref="CoordinateDescentOptions.Extrapolation"/>): exact on
/// linear fixed-point maps of dimension below K, and on the small dense n ≪ p paths of issue 18 it reaches the same
/// certified points as plain sweeps with far fewer coordinate updates.
/// </summary>
public class AndersonExtrapolationTests
{
    /// <summary>
    /// For x ← Mx + b with M a contraction in dimension d &lt; K, the K differences x_k − x_{k−1} = (M − I)(x_{k−1} − x*)
    /// are linearly dependent, and a combination with Σc = 1 that cancels them gives Σc_k x_k = x* = (I − M)⁻¹b (up to
    /// the system's 1e-10 regularisation), while the last iterate is still far from it.
    /// </summary>
    [Fact]
    public void LinearMapsOfDimensionBelowDepthAreSolvedExactly()
    {
        const int d = 3, depth = 5;
        var rng = new Random(3);
        var m = new double[d, d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) m[i, j] = 0.9 / d * (rng.NextDouble() * 2 - 1) + (i == j ? 0.5 : 0);
        double[] b = [1, -2, 0.5];
        // x* by Gaussian elimination on (I − M)x = b.
        var a = new double[d, d + 1];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++) a[i, j] = (i == j ? 1 : 0) - m[i, j];
            a[i, d] = b[i];
        }
        for (int c = 0; c < d; c++)
            for (int r = c + 1; r < d; r++)
            {
                double f = a[r, c] / a[c, c];
                for (int j = c; j <= d; j++) a[r, j] -= f * a[c, j];
            }
        var star = new double[d];
        for (int r = d - 1; r >= 0; r--)
        {
            double s = a[r, d];
            for (int j = r + 1; j < d; j++) s -= a[r, j] * star[j];
            star[r] = s / a[r, r];
        }

        var anderson = new AndersonExtrapolation(depth);
        anderson.Reset(d);
        var x = new double[d];
        bool full = false;
        for (int it = 0; it <= depth; it++)
        {
            x.CopyTo(anderson.Next);
            full = anderson.Push();
            var next = new double[d];
            for (int i = 0; i < d; i++)
            {
                next[i] = b[i];
                for (int j = 0; j < d; j++) next[i] += m[i, j] * x[j];
            }
            x = next;
        }
        Assert.True(full);
        var result = new double[d];
        Assert.True(anderson.Extrapolate(result));
        double plain = 0, extrapolated = 0;
        for (int i = 0; i < d; i++)
        {
            plain = Math.Max(plain, Math.Abs(x[i] - star[i]));
            extrapolated = Math.Max(extrapolated, Math.Abs(result[i] - star[i]));
        }
        Assert.True(plain > 1e-3, $"the plain iterate is already at the fixed point ({plain:e2}); the test would prove nothing");
        Assert.True(extrapolated < 1e-6 * (1 + star.Max(Math.Abs)), $"extrapolated error {extrapolated:e2}, plain {plain:e2}");
    }

    [Fact]
    public void DegenerateWindowsGiveNoPoint()
    {
        var anderson = new AndersonExtrapolation(2);
        anderson.Reset(3);
        for (int k = 0; k < 3; k++)
        {
            anderson.Next.Fill(1.0);   // a constant sequence: U = 0
            anderson.Push();
        }
        Assert.False(anderson.Extrapolate(new double[3]));
    }

    [Fact]
    public void OutOfRangeDepthIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new CoordinateDescentOptions { Extrapolation = -1 }.Validate());
        Assert.Contains("Extrapolation", e.Message);
        Assert.Throws<ArgumentException>(() => new CoordinateDescentOptions { Extrapolation = 21 }.Validate());
    }

    /// <summary>
    /// The leukemia lasso and elastic-net paths (38 × 7129, glmnet's grid of 100 λ down to 1e-2·λ_max, intercept, tol
    /// 1e-7): with extrapolation every point is certified and equals the plain sweeps' point to the tolerance, and the
    /// coordinate updates drop at least threefold (753k → 115k on the lasso path when this was written; active-set
    /// cycling alone was the old behaviour).
    /// </summary>
    [SharedDatasetFact]
    public void LeukemiaPathsNeedFarFewerCoordinateUpdates()
    {
        var data = SvmlightReader.Read(DatasetLocator.Find("binary/leukemia_train.svm.xz"));
        double[] y = data.Labels.ToArray();
        foreach (double alpha in new[] { 1.0, 0.5 })
        {
            CoordinateDescentPathResult Run(int depth) => CoordinateDescentPath.Compute(data.Features, y, default(SquaredLoss),
                new CoordinateDescentPathOptions
                {
                    L1Ratio = alpha, FitIntercept = true, Count = 100, MinRatio = 1e-2,
                    Solver = new CoordinateDescentOptions { Tolerance = 1e-7, Extrapolation = depth },
                });
            var plain = Run(0);
            var fast = Run(5);
            Assert.Equal(plain.Points.Count, fast.Points.Count);
            long plainUpdates = 0, fastUpdates = 0;
            for (int k = 0; k < fast.Points.Count; k++)
            {
                var (p0, p1) = (plain.Points[k], fast.Points[k]);
                Assert.Equal(StopReason.Converged, p1.StopReason);
                Assert.True(p1.DualityGap <= 1e-7 * Math.Abs(p1.Objective), $"α = {alpha}, point {k}: gap {p1.DualityGap:e2}");
                Assert.True(Math.Abs(p1.Objective - p0.Objective) <= 2e-7 * Math.Abs(p0.Objective),
                    $"α = {alpha}, point {k}: {p1.Objective:R} vs {p0.Objective:R}");
            }
            plainUpdates = PathUpdates(data.Features, y, alpha, 0);
            fastUpdates = PathUpdates(data.Features, y, alpha, 5);
            Assert.True(3 * fastUpdates < plainUpdates, $"α = {alpha}: {fastUpdates} coordinate updates with extrapolation, {plainUpdates} without");
        }
    }

    /// <summary>Coordinate updates of the whole path, from one session (the counts are per solve).</summary>
    private static long PathUpdates(ILinearMap x, double[] y, double alpha, int depth)
    {
        var options = new CoordinateDescentOptions { Tolerance = 1e-7, Extrapolation = depth };
        var session = new CoordinateDescentPathSession<SquaredLoss>(x, y, default, alpha, true, null, null);
        long updates = 0;
        foreach (double lambda in LambdaGrid.LogSpaced(session.LambdaMax, 100, 1e-2))
            updates += session.Solve(lambda, default, options, true, CancellationToken.None).Result.Counts.Proxes;
        return updates;
    }
}
