using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Models;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Models.Paths;

/// <summary>
/// The first point of a lasso or elastic-net path is exactly w = 0 on either backend, and λ_max is not inflated to get
/// there (it is ‖Xᵀ(a ⊙ (b₀ − y))‖_∞/α up to rounding). λ_max used to come from the backend's transposed product while the coordinate-descent solves
/// started from their own column sums (or the Gram matrix): with the managed backend the two differed in the last bit
/// and prostate's path began with one coefficient of ~1e-16 (issue 14, item 19: the suite failed without MKL).
/// </summary>
public class LambdaMaxBackendTests
{
    public static TheoryData<bool, bool, double> Cases()
    {
        var cases = new TheoryData<bool, bool, double>();
        foreach (bool intercept in new[] { false, true })
            foreach (bool weighted in new[] { false, true })
                foreach (double alpha in new[] { 1.0, 0.3, 0.7 })
                    cases.Add(intercept, weighted, alpha);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ManagedPathsStartAtExactlyZero(bool intercept, bool weighted, double alpha) =>
        StartsAtExactlyZero(LinearAlgebraBackends.Managed, intercept, weighted, alpha);

    [MklTheory]
    [MemberData(nameof(Cases))]
    public void MklPathsStartAtExactlyZero(bool intercept, bool weighted, double alpha) =>
        StartsAtExactlyZero(LinearAlgebraBackends.Mkl, intercept, weighted, alpha);

    private static void StartsAtExactlyZero(ILinearAlgebraBackend backend, bool intercept, bool weighted, double alpha)
    {
        var prostate = SvmlightReader.Read(DatasetLocator.Find("regression/prostate_train.svm"));
        var problems = new List<(ILinearMap X, double[] Y, string Name)> { (prostate.Features.WithBackend(backend), prostate.Labels.ToArray(), "prostate") };
        // Random problems put the rounding at other places: dense columns (the vectorised sums) and sparse ones, p < n
        // (the covariance engine) and p > n (the sample-space engine).
        for (int seed = 1; seed <= 6; seed++)
        {
            var rng = new Random(seed);
            int n = seed % 2 == 0 ? 50 : 20, p = seed % 2 == 0 ? 12 : 40;
            double density = seed <= 3 ? 1.0 : 0.4;
            var y = RandomMatrices.Vector(rng, n);
            problems.Add((DenseMatrix.FromArray(RandomMatrices.Dense(rng, n, p, density), backend), y, $"random {n}×{p}, density {density}, seed {seed}"));
        }
        foreach (var (x, y, name) in problems)
        {
            double[]? c = weighted ? Weights(y.Length) : null;
            RegularizationPath Path(double[]? lambdas) => alpha == 1
                ? new LassoPath { FitIntercept = intercept, PathLength = 3, Lambdas = lambdas }.Fit(FeatureMatrix.From(x), y, c)
                : new ElasticNetPath { L1Ratio = alpha, FitIntercept = intercept, PathLength = 3, Lambdas = lambdas }.Fit(FeatureMatrix.From(x), y, c);
            var path = Path(null);
            Assert.True(path.Points[0].NonZeroCoefficients == 0,
                $"{name}: {path.Points[0].NonZeroCoefficients} non-zero coefficient(s) at λ_max = {path.LambdaMax:R}");
            // Tight: ‖Xᵀ(a ⊙ (b₀ − y))‖_∞/α summed plainly, up to rounding (λ_max is not inflated to force the zeros).
            double reference = ReferenceLambdaMax(x, y, c, intercept, alpha);
            Assert.True(Math.Abs(path.LambdaMax - reference) <= 1e-12 * reference, $"{name}: λ_max = {path.LambdaMax:R}, reference {reference:R}");
        }
    }

    private static double ReferenceLambdaMax(ILinearMap x, double[] y, double[]? c, bool intercept, double alpha)
    {
        int n = y.Length;
        double total = 0;
        for (int i = 0; i < n; i++) total += c?[i] ?? 1;
        var a = new double[n];
        double b = 0;
        for (int i = 0; i < n; i++) a[i] = (c?[i] ?? 1) / total;
        if (intercept) for (int i = 0; i < n; i++) b += a[i] * y[i];
        return OnePathImplementationTests.ReferenceLambdaMax(x, y, a, b, logistic: false) / alpha;
    }

    private static double[] Weights(int n)
    {
        var w = new double[n];
        for (int i = 0; i < n; i++) w[i] = 0.5 + (i * 7 % 5);
        return w;
    }
}
