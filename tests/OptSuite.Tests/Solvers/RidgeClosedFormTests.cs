using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Solvers;
using Xunit.Abstractions;

namespace OptSuite.Tests.Solvers;

/// <summary>
/// Ridge regression, (1/(2Σc))Σ c_i (y_i − x_i·w − b)² + (λ/2)‖w‖², has the closed form (XᵀCX/Σc + λI) w = XᵀC(y − b)/Σc
/// after weighted centring (b = ȳ_c − x̄_cᵀw). The normal equations are formed here with plain loops (independent of the
/// library's kernels) and solved with <see cref="CholeskyFactorization"/> on both backends; every solver must reach that
/// point on dense, CSR and CSC storage of the same real data.
/// </summary>
public class RidgeClosedFormTests(ITestOutputHelper output)
{
    private static (double[,] X, double[] Y) Load(string relative)
    {
        var ds = SvmlightReader.Read(Path.Combine(DatasetLocator.RepositoryRoot()!, relative));
        var dense = ds.Features.ToDense();
        var x = new double[dense.Rows, dense.Columns];
        for (int i = 0; i < dense.Rows; i++)
            for (int j = 0; j < dense.Columns; j++) x[i, j] = dense[i, j];
        return (x, ds.Labels.ToArray());
    }

    /// <summary>The ridge solution (w, b) through the normal equations of the weighted, centred problem.</summary>
    private static (double[] W, double B) ClosedForm(double[,] x, double[] y, double[] c, double lambda, bool intercept, ILinearAlgebraBackend backend)
    {
        int n = x.GetLength(0), p = x.GetLength(1);
        double total = c.Sum();
        var mean = new double[p];
        double ybar = 0;
        if (intercept)
        {
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < p; j++) mean[j] += c[i] * x[i, j] / total;
                ybar += c[i] * y[i] / total;
            }
        }
        var gram = new double[p * p];
        var rhs = new double[p];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++)
            {
                double xij = x[i, j] - mean[j];
                rhs[j] += c[i] * xij * (y[i] - ybar) / total;
                for (int k = 0; k < p; k++) gram[j * p + k] += c[i] * xij * (x[i, k] - mean[k]) / total;
            }
        }
        for (int j = 0; j < p; j++) gram[j * p + j] += lambda;
        var w = CholeskyFactorization.Factor(gram, p, backend).Solve(rhs);
        double b = intercept ? ybar - mean.Select((m, j) => m * w[j]).Sum() : 0;
        return (w, b);
    }

    // Small λ on raw (unscaled) features makes κ ≈ 1e8 and FISTA needs ~1e5 iterations; these cases keep κ ≤ 1e6 so the
    // whole class runs in seconds (ill-conditioned ridge is covered by the cpusmall reference case, CD only).
    public static TheoryData<string, double, bool, bool> Cases() => new()
    {
        // (file, λ, intercept, weighted)
        { "datasets/regression/abalone_scale", 1e-3, true, false },
        { "datasets/regression/boston_housing.svm", 1e-1, false, true },
        { "datasets/binary/heart_scale", 1e-2, true, true },
        { "datasets/regression/diabetes_raw.svm", 1.0, true, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SolversReachTheCholeskySolutionOnDenseAndSparseStorage(string file, double lambda, bool intercept, bool weighted)
    {
        var (xa, y) = Load(file);
        int n = xa.GetLength(0), p = xa.GetLength(1);
        var c = new double[n];
        for (int i = 0; i < n; i++) c[i] = weighted ? 0.5 + (i * 7919 % 13) / 6.0 : 1.0;

        var (w, b) = ClosedForm(xa, y, c, lambda, intercept, LinearAlgebraBackends.Managed);
        if (LinearAlgebraBackends.TryGetMkl(out var mkl))
        {
            var (wm, bm) = ClosedForm(xa, y, c, lambda, intercept, mkl!);
            for (int j = 0; j < p; j++) Assert.Equal(w[j], wm[j], 1e-10 * (1 + Math.Abs(w[j])));
            Assert.Equal(b, bm, 1e-10 * (1 + Math.Abs(b)));
        }

        var dense = DenseMatrix.FromArray(xa);
        var csr = SvmlightReader.Read(Path.Combine(DatasetLocator.RepositoryRoot()!, file)).Features;
        var storages = new (string Name, ILinearMap X)[] { ("dense", dense), ("csr", csr), ("csc", csr.ToCsc()) };
        double scale = Math.Max(1, w.Max(Math.Abs));
        foreach (var (name, x) in storages)
        {
            var f = Objective.RidgeRegression(x, y, lambda, intercept, weighted ? c : default);
            double[] exact = intercept ? [.. w, b] : w;
            double fStar = f.Value(exact);
            // At the closed form the gradient vanishes (to the rounding of forming it) and the duality gap is zero.
            var grad = new double[f.Dimension];
            f.ValueAndGradient(exact, grad);
            Assert.True(grad.Max(Math.Abs) <= 1e-9 * Math.Max(1, Math.Abs(fStar)), $"{name}: ‖∇F(closed form)‖∞ = {grad.Max(Math.Abs):E2}");
            Assert.InRange(f.DualityGap(exact), -1e-12 * fStar, 1e-10 * fStar);

            var results = new (string, SolverResult)[]
            {
                ("cd", CoordinateDescent.Minimize(f, default, new CoordinateDescentOptions { Tolerance = 1e-13, MaxIterations = 200_000 })),
                ("lbfgs", Lbfgs.Minimize(f.AsSmooth(), default, new LbfgsOptions { Tolerance = 1e-11, MaxIterations = 50_000 })),
                ("fista", ProximalGradient.Minimize(f, default, new ProximalGradientOptions { Tolerance = 1e-12, MaxIterations = 200_000 })),
            };
            foreach (var (solver, r) in results)
            {
                double rel = (r.Objective - fStar) / fStar;
                double dist = 0;
                for (int j = 0; j < p; j++) dist = Math.Max(dist, Math.Abs(r.Solution[j] - w[j]));
                output.WriteLine($"{Path.GetFileName(file)} {name,-5} {solver,-5} λ={lambda:G2}{(intercept ? " +b" : "")}{(weighted ? " weighted" : "")}: F − F* = {rel:E2} rel, ‖w − w*‖∞ = {dist:E2}, {r.StopReason} in {r.Iterations}");
                Assert.Equal(StopReason.Converged, r.StopReason);
                Assert.True(Math.Abs(rel) <= 1e-10, $"{name} {solver}: relative objective error {rel:E2}");
                Assert.True(dist <= 1e-5 * scale, $"{name} {solver}: ‖w − w*‖∞ = {dist:E2}");
                if (intercept) Assert.Equal(b, r.Solution[p], 1e-5 * Math.Max(1, Math.Abs(b)));
            }
        }
    }
}
