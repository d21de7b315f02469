using OptSuite.LinearAlgebra;
using OptSuite.Models;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Models.Paths;

/// <summary>
/// The solver-level <see cref="CoordinateDescentPath"/> and the model-level paths (<see cref="ElasticNetPath"/>,
/// <see cref="LogisticPath"/>) are one implementation of grid, λ_max and null model: on the same data they give the
/// same λ_max and the same grid to the bit, the same null intercept, and the same convention (λ_max / max(α, 10⁻³)) for
/// α → 0. Any second copy that drifts fails here.
/// </summary>
public class OnePathImplementationTests
{
    private static (CsrMatrix X, double[] Reg, double[] Bin, double[] Weights) Data(int seed, int n, int p)
    {
        var rng = new Random(seed);
        var a = RandomMatrices.Dense(rng, n, p, 0.35);
        var reg = new double[n]; var bin = new double[n]; var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z = 0;
            for (int j = 0; j < p; j++) z += a[i, j] * (j % 4 == 0 ? 1.0 : 0);
            reg[i] = z + 0.4 * (rng.NextDouble() - 0.5) + 2;
            bin[i] = z + 0.5 * (rng.NextDouble() - 0.5) > 0.2 ? 1 : -1;
            weights[i] = 0.5 + rng.NextDouble();
        }
        return (RandomMatrices.Csr(a), reg, bin, weights);
    }

    public static TheoryData<bool, double, bool, bool, bool> Cases()
    {
        var cases = new TheoryData<bool, double, bool, bool, bool>();
        foreach (bool logistic in new[] { false, true })
            foreach (double alpha in new[] { 1.0, 0.4, 5e-4 })
                foreach (bool intercept in new[] { false, true })
                {
                    cases.Add(logistic, alpha, intercept, intercept, false);
                    cases.Add(logistic, alpha, intercept, !intercept, true);
                }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SolverAndModelPathsHaveTheSameGridLambdaMaxAndNullModel(bool logistic, double alpha, bool intercept, bool weighted, bool wide)
    {
        var (x, reg, bin, c) = wide ? Data(11, 30, 60) : Data(12, 80, 25);
        double[] y = logistic ? bin : reg;
        double[]? weights = weighted ? c : null;
        const int count = 7;
        var options = new CoordinateDescentPathOptions { L1Ratio = alpha, FitIntercept = intercept, SampleWeights = weights, Count = count };
        var solver = logistic
            ? CoordinateDescentPath.Compute(x, y, default(LogisticLoss), options)
            : CoordinateDescentPath.Compute(x, y, default(SquaredLoss), options);
        RegularizationPath Model(SolverKind kind, int length) => logistic
            ? new LogisticPath { L1Ratio = alpha, FitIntercept = intercept, PathLength = length, StopEarly = false, Solver = kind }.Fit(x, y, weights)
            : new ElasticNetPath { L1Ratio = alpha, FitIntercept = intercept, PathLength = length, StopEarly = false, Solver = kind }.Fit(x, y, weights);

        var model = Model(SolverKind.CoordinateDescent, count);
        Assert.Equal(solver.LambdaMax, model.LambdaMax);
        Assert.Equal(solver.Points.Select(p => p.Lambda), model.Lambdas);
        Assert.Equal(wide ? 1e-2 : 1e-4, model.Lambdas[^1] / model.LambdaMax, 12);

        // The null model: the closed form of b₀, and λ_max = ‖Xᵀ(a ⊙ ℓ′(y, b₀))‖_∞ / max(α, 10⁻³) summed plainly.
        double total = weights?.Sum() ?? y.Length;
        double[] a = y.Select((_, i) => (weights?[i] ?? 1.0) / total).ToArray();
        double b0 = 0;
        if (intercept && logistic)
        {
            double share = y.Select((v, i) => v > 0 ? a[i] : 0).Sum();
            b0 = Math.Log(share / (1 - share));
        }
        else if (intercept) b0 = y.Select((v, i) => a[i] * v).Sum();
        Assert.Equal(b0, solver.NullIntercept, 1e-14);
        double reference = ReferenceLambdaMax(x, y, a, b0, logistic) / Math.Max(alpha, 1e-3);
        Assert.True(Math.Abs(solver.LambdaMax - reference) <= 1e-12 * reference, $"λ_max = {solver.LambdaMax:R}, reference {reference:R}");
        if (alpha >= 1e-3)
        {
            Assert.Equal(0, solver.Points[0].NonZeros);
            Assert.Equal(0, model.Points[0].NonZeroCoefficients);
        }
        Assert.Equal(solver.Points[0].Intercept, model.Points[0].Intercept, 1e-9);

        // Another solver: the same null model and convention, the gradient summed by the data's own transposed product.
        var other = Model(logistic ? SolverKind.OwlQn : SolverKind.Fista, 2);
        Assert.True(Math.Abs(other.LambdaMax - solver.LambdaMax) <= 1e-13 * solver.LambdaMax,
            $"non-CD λ_max = {other.LambdaMax:R}, CD λ_max = {solver.LambdaMax:R}");
    }

    [Fact]
    public void RidgePathUsesTheFloorOfTheSameConvention()
    {
        var (x, reg, _, c) = Data(13, 50, 20);
        var ridge = new ElasticNetPath { L1Ratio = 0, PathLength = 2, StopEarly = false }.Fit(x, reg, c);
        var floor = CoordinateDescentPath.Compute(x, reg, default(SquaredLoss),
            new CoordinateDescentPathOptions { L1Ratio = LambdaGrid.L1RatioFloor, FitIntercept = true, SampleWeights = c, Count = 1 });
        Assert.True(Math.Abs(ridge.LambdaMax - floor.LambdaMax) <= 1e-13 * floor.LambdaMax, $"ridge {ridge.LambdaMax:R}, α = 10⁻³ {floor.LambdaMax:R}");
        var below = CoordinateDescentPath.Compute(x, reg, default(SquaredLoss),
            new CoordinateDescentPathOptions { L1Ratio = 1e-6, FitIntercept = true, SampleWeights = c, Count = 1 });
        Assert.True(Math.Abs(below.LambdaMax - floor.LambdaMax) <= 1e-13 * floor.LambdaMax, $"α = 1e-6 {below.LambdaMax:R}, α = 10⁻³ {floor.LambdaMax:R}");
    }

    [Fact]
    public void GridIsGlmnets()
    {
        Assert.Equal(1e-2, LambdaGrid.DefaultMinRatio(10, 11));
        Assert.Equal(1e-4, LambdaGrid.DefaultMinRatio(11, 11));
        double[] grid = LambdaGrid.LogSpaced(3.0, 5, 1e-4);
        Assert.Equal(3.0, grid[0]);
        for (int k = 1; k < 5; k++) Assert.Equal(3.0 * Math.Pow(1e-4, k / 4.0), grid[k], 1e-15);
        Assert.Equal([2.5], LambdaGrid.LogSpaced(2.5, 1, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => LambdaGrid.LogSpaced(0, 5, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => LambdaGrid.LogSpaced(1, 5, 1));
    }

    /// <summary>‖Xᵀ(a ⊙ ℓ′(y, b₀))‖∞ summed plainly, column by column (squared or logistic loss).</summary>
    internal static double ReferenceLambdaMax(ILinearMap x, double[] y, double[] a, double b0, bool logistic)
    {
        int n = y.Length;
        double max = 0;
        for (int j = 0; j < x.Columns; j++)
        {
            var column = new double[n];
            var unit = new double[x.Columns];
            unit[j] = 1;
            x.Apply(unit, column);
            double g = 0;
            for (int i = 0; i < n; i++)
                g += a[i] * (logistic ? default(LogisticLoss).Derivative(y[i], b0) : b0 - y[i]) * column[i];
            max = Math.Max(max, Math.Abs(g));
        }
        return max;
    }
}
