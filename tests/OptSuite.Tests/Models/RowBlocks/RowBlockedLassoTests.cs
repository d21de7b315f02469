using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Models;
using OptSuite.Solvers;
using OptSuite.Tests.Support;
using Xunit.Abstractions;

namespace OptSuite.Tests.Models.RowBlocks;

/// <summary>
/// Lasso and elastic net on data read in row blocks run coordinate descent in covariance mode (XᵀAX from one pass):
/// equal to the in-memory fits on abalone_scale and raw cal_housing (columns of mean up to 10³, targets of 10⁵) with and
/// without intercept and sample weights, to 1e-10 relative objective, each fit certified by its duality gap; a lasso
/// path takes one pass for its Gram matrix and one per λ for the certificates; above the Gram matrix's feature limit
/// coordinate descent is refused with the reason and Auto solves by OWL-QN (L-BFGS for ridge).
/// </summary>
public class RowBlockedLassoTests(ITestOutputHelper output)
{
    private static readonly Lazy<SvmlightDataset> Abalone = new(() => SvmlightReader.Read(DatasetLocator.Find("regression/abalone_scale")));
    private static readonly Lazy<SvmlightDataset> California = new(() => SvmlightReader.Read(DatasetLocator.Find("regression/cal_housing.svm.xz")));

    private static double[] Weights(int n)
    {
        var rng = new Random(3);
        return Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.1 ? 0.0 : 0.2 + 2 * rng.NextDouble()).ToArray();
    }

    /// <summary>λ = share · λ_max for the weighted, centred (or not) data: a model with some coefficients at zero.</summary>
    private static double LambdaFor(ILinearMap x, double[] y, double[]? c, bool intercept, double alpha, double share)
    {
        int n = x.Rows;
        double total = c?.Sum() ?? n;
        double ybar = intercept ? Enumerable.Range(0, n).Sum(i => (c?[i] ?? 1) * y[i]) / total : 0;
        var u = Enumerable.Range(0, n).Select(i => (c?[i] ?? 1) / total * (y[i] - ybar)).ToArray();
        var g = new double[x.Columns];
        x.ApplyTranspose(u, g);   // with an intercept Σu_i = 0, so these are also the centred columns' correlations
        return share * g.Max(Math.Abs) / alpha;
    }

    public static TheoryData<string, double, bool, bool> Cases()
    {
        var data = new TheoryData<string, double, bool, bool>();
        foreach (string set in new[] { "abalone", "cal_housing" })
            foreach (double alpha in new[] { 1.0, 0.5 })
                foreach (bool intercept in new[] { true, false })
                    foreach (bool weighted in new[] { false, true })
                        data.Add(set, alpha, intercept, weighted);
        return data;
    }

    [SharedDatasetTheory]
    [MemberData(nameof(Cases))]
    public void LassoAndElasticNetEqualTheInMemoryFits(string set, double alpha, bool intercept, bool weighted)
    {
        var d = set == "abalone" ? Abalone.Value : California.Value;
        double[]? c = weighted ? Weights(d.Rows) : null;
        double lambda = LambdaFor(d.Features, d.Labels, c, intercept, alpha, 0.02);
        LinearRegressor Model() => alpha == 1
            ? new Lasso { Lambda = lambda, FitIntercept = intercept, Tolerance = 1e-12 }
            : new ElasticNet { Lambda = lambda, L1Ratio = alpha, FitIntercept = intercept, Tolerance = 1e-12 };
        var memory = Model().Fit(d.Features, d.Labels, c);
        var blocks = new CountingRowBlocks(d.Features, d.Rows / 40);
        var model = Model();
        model.Tolerance = 1e-11;
        model.Fit(FeatureMatrix.From(blocks), d.Labels, c);
        var r = model.Report!;
        double difference = Math.Abs(r.Objective - memory.Report!.Objective) / memory.Report.Objective;
        output.WriteLine($"{set} α = {alpha}, intercept {intercept}, weights {weighted}: F = {r.Objective:R} ({r.Solver}, {r.Iterations} sweeps, " +
            $"gap {r.DualityGap / r.Objective:E1} relative, {blocks.Passes} passes, {model.NonZeroCoefficients} non-zeros); in memory {memory.Report.Objective:R}: {difference:E1}");
        Assert.Equal(SolverKind.CoordinateDescent, r.Solver);
        Assert.Equal(StopReason.Converged, r.StopReason);
        Assert.True(difference < 1e-10, $"relative difference {difference:E2}");
        Assert.InRange(r.DualityGap!.Value, double.NegativeInfinity, 1e-11 * r.Objective);
        Assert.InRange(model.NonZeroCoefficients, 1, alpha == 1 ? d.Features.Columns - 1 : d.Features.Columns);   // not w = 0, and the lasso sparse
        for (int j = 0; j < d.Features.Columns; j++)
            Assert.Equal(memory.Coefficients[j], model.Coefficients[j], 1e-4 * Math.Max(1, memory.Coefficients.Max(Math.Abs)));
    }

    [SharedDatasetFact]
    public void AColumnOfMeanAMillionIsCentredStably()
    {
        // abalone_scale with a ninth column 10⁶ + z, z ~ N(0, 1), and y + z/2.
        var d = Abalone.Value;
        var x = d.Features.ToDense();
        int n = x.Rows, p = x.Columns + 1;
        var rng = new Random(5);
        var values = new double[n * p];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p - 1; j++) values[i * p + j] = x[i, j];
            double z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            values[i * p + p - 1] = 1e6 + z;
            y[i] = d.Labels[i] + 0.5 * z;
        }
        var shifted = new DenseMatrix(n, p, values);
        // The reference: the same data without the 10⁶ (an intercept absorbs any shift of a column: same F, same w).
        var centred = new DenseMatrix(n, p, values.Select((v, k) => k % p == p - 1 ? v - 1e6 : v).ToArray());
        var reference = new Lasso { Lambda = 0.005, Tolerance = 1e-12 }.Fit(centred, y);
        var model = new Lasso { Lambda = 0.005, Tolerance = 1e-11 }.Fit(FeatureMatrix.From(new RowBlockedMatrix(shifted, 101)), y);
        double difference = Math.Abs(model.Report!.Objective - reference.Report!.Objective) / reference.Report.Objective;
        output.WriteLine($"F = {model.Report.Objective:R} ({model.Report.StopReason}, gap {model.Report.DualityGap:E1}), reference {reference.Report.Objective:R}: {difference:E1}; " +
            $"w₉ = {model.Coefficients[p - 1]:R} against {reference.Coefficients[p - 1]:R}");
        Assert.Equal(StopReason.Converged, model.Report.StopReason);
        Assert.True(difference < 1e-10, $"relative difference {difference:E2}");
        Assert.Equal(reference.Coefficients[p - 1], model.Coefficients[p - 1], 1e-6);
        Assert.Equal(reference.Intercept - 1e6 * reference.Coefficients[p - 1], model.Intercept, 1e-6 * 1e6 * Math.Abs(reference.Coefficients[p - 1]));
    }

    [SharedDatasetFact]
    public void ALassoPathTakesOnePassForItsGramMatrixAndOnePerPoint()
    {
        var d = Abalone.Value;
        var memory = new LassoPath { PathLength = 30, Tolerance = 1e-10 }.Fit(d.Features, d.Labels);
        var blocks = new CountingRowBlocks(d.Features, 100);
        var path = new LassoPath { PathLength = 30, Tolerance = 1e-10 }.Fit(FeatureMatrix.From(blocks), d.Labels);
        output.WriteLine($"{path.Points.Count} points in {blocks.Passes} passes, {path.Elapsed.TotalMilliseconds:F0} ms; in memory {memory.Points.Count} points");
        Assert.Equal(memory.Points.Count, path.Points.Count);
        Assert.Equal(memory.LambdaMax, path.LambdaMax, 1e-12 * memory.LambdaMax);
        for (int k = 0; k < path.Points.Count; k++)
        {
            var (a, b) = (memory.Points[k], path.Points[k]);
            Assert.True(b.Converged, $"point {k}: {b.StopReason}");
            Assert.True(Math.Abs(a.Objective - b.Objective) <= 1e-10 * a.Objective, $"point {k}: {b.Objective:R} against {a.Objective:R}");
            Assert.InRange(b.DualityGap!.Value, double.NegativeInfinity, 1e-10 * b.Objective);
        }
        // Two for the null models (the path's and the session's), one for the Gram matrix, one certificate per point.
        Assert.InRange(blocks.Passes, path.Points.Count + 1, path.Points.Count + 3);
    }

    [Fact]
    public void AboveTheFeatureLimitCoordinateDescentIsRefusedAndAutoUsesOwlQnOrLbfgs()
    {
        var rng = new Random(9);
        int n = 60, p = CovarianceDescent.MaxFeatures + 400;
        var x = RandomMatrices.Csr(RandomMatrices.Dense(rng, n, p, 0.05));
        var y = RandomMatrices.Vector(rng, n);
        var blocked = FeatureMatrix.From(new RowBlockedMatrix(x, 7));
        var refusal = Assert.Throws<UnsupportedSolverException>(() => new Lasso { Lambda = 0.01, Solver = SolverKind.CoordinateDescent }.Fit(blocked, y));
        output.WriteLine(refusal.Message);
        Assert.Contains($"p ≤ {CovarianceDescent.MaxFeatures}", refusal.Message);
        Assert.EndsWith("Solvers that can: fista, ista, owlqn.", refusal.Message);

        var lasso = new Lasso { Lambda = 0.01, Tolerance = 1e-9 }.Fit(blocked, y);
        var reference = new Lasso { Lambda = 0.01, Tolerance = 1e-12 }.Fit(x, y);
        Assert.Equal(SolverKind.OwlQn, lasso.Report!.Solver);
        Assert.Equal(SolverKind.CoordinateDescent, reference.Report!.Solver);
        Assert.True(lasso.Report.Converged);
        Assert.InRange(lasso.Report.Objective - reference.Report.Objective, -1e-12, 1e-9 * reference.Report.Objective);

        var ridge = new Ridge { Lambda = 0.01 }.Fit(blocked, y);
        Assert.Equal(SolverKind.Lbfgs, ridge.Report!.Solver);
        Assert.True(ridge.Report.Converged);
    }
}
