using CsCheck;
using OptSuite.Prox;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Prox;

public class SimplexProjectionTests
{
    private static readonly Gen<double> Radius = Gen.Double[-3, 3].Select(x => Math.Pow(10, x));

    /// <summary>Entrywise tolerance: rounding of τ on the scale of r, plus ε of the shifted magnitudes.</summary>
    private static double Tolerance(double[] v, double r) => 1e-12 * r * (1 + Math.Sqrt(v.Length)) + 4e-16 * v.Select(Math.Abs).DefaultIfEmpty(0).Max();

    [Fact]
    public void Linear_time_simplex_projection_agrees_with_sorting_on_extreme_inputs()
    {
        Gen.Select(ProxGen.Vector(ProxGen.Extreme, 1, 200), Radius).Sample((v, r) =>
        {
            var fast = new double[v.Length];
            var sorted = new double[v.Length];
            Projections.Simplex(v, r, fast);
            Projections.SimplexBySorting(v, r, sorted);
            double tol = Tolerance(v, r);
            for (int j = 0; j < v.Length; j++) Assert.True(Math.Abs(fast[j] - sorted[j]) <= tol, $"j={j}: {fast[j]} vs {sorted[j]} (tol {tol})");
            Assert.All(fast, x => Assert.True(x >= 0));
            Assert.True(Math.Abs(fast.Sum() - r) <= 1e-12 * r * v.Length + 1e-300 || v.Max() - v.Where(x => x < v.Max()).DefaultIfEmpty(double.NegativeInfinity).Max() > 1e15 * r,
                $"Σ = {fast.Sum()} vs r = {r}");
        }, iter: 1000);
    }

    [Fact]
    public void Simplex_projection_agrees_with_bisection_on_moderate_inputs()
    {
        Gen.Select(ProxGen.Vector(ProxGen.Moderate, 1, 100), Radius).Sample((v, r) =>
        {
            var fast = new double[v.Length];
            Projections.Simplex(v, r, fast);
            var reference = ProxReferences.SimplexByBisection(v, r);
            for (int j = 0; j < v.Length; j++) Assert.True(Math.Abs(fast[j] - reference[j]) <= 1e-9 * (1 + r), $"j={j}: {fast[j]} vs bisection {reference[j]}");
            Assert.Equal(r, fast.Sum(), 1e-12 * r * v.Length);
        }, iter: 500);
    }

    [Fact]
    public void Linear_time_L1_ball_projection_agrees_with_sorting_and_bisection()
    {
        Gen.Select(ProxGen.Vector(ProxGen.Extreme, 0, 200), Radius).Sample((v, r) =>
        {
            var fast = new double[v.Length];
            var sorted = new double[v.Length];
            Projections.L1Ball(v, r, fast);
            Projections.L1BallBySorting(v, r, sorted);
            double tol = Tolerance(v, r);
            for (int j = 0; j < v.Length; j++)
            {
                Assert.True(Math.Abs(fast[j] - sorted[j]) <= tol, $"j={j}: {fast[j]} vs {sorted[j]}");
                Assert.True(fast[j] * v[j] >= 0, "signs are kept");
            }
            Assert.True(fast.Sum(Math.Abs) <= r * (1 + 1e-12 * v.Length), "inside the ball");
            if (v.Sum(Math.Abs) <= r) Assert.Equal(v, fast);
        }, iter: 1000);
        Gen.Select(ProxGen.Vector(ProxGen.Moderate, 0, 100), Radius).Sample((v, r) =>
        {
            var fast = new double[v.Length];
            Projections.L1Ball(v, r, fast);
            var reference = ProxReferences.L1BallByBisection(v, r);
            for (int j = 0; j < v.Length; j++) Assert.True(Math.Abs(fast[j] - reference[j]) <= 1e-9 * (1 + r), $"j={j}: {fast[j]} vs bisection {reference[j]}");
        }, iter: 500);
    }

    [Fact]
    public void Vertices_satisfy_the_variational_inequality()
    {
        Gen.Select(ProxGen.Vector(ProxGen.Extreme, 1, 50), Radius).Sample((v, r) =>
        {
            var p = new double[v.Length];
            var q = new double[v.Length];
            Projections.Simplex(v, r, p);
            Projections.L1Ball(v, r, q);
            for (int j = 0; j < v.Length; j++)
            {
                var e = new double[v.Length];
                e[j] = r;
                ProjectionTests.AssertVariationalInequality(v, p, e, $"simplex vertex {j}");
                ProjectionTests.AssertVariationalInequality(v, q, e, $"ℓ1 vertex +{j}");
                e[j] = -r;
                ProjectionTests.AssertVariationalInequality(v, q, e, $"ℓ1 vertex −{j}");
            }
        }, iter: 300);
    }

    [Fact]
    public void In_place_projection_matches_for_stack_and_pooled_scratch()
    {
        Gen.Select(Gen.OneOf(ProxGen.Vector(ProxGen.Extreme, 1, 40), ProxGen.Vector(ProxGen.Moderate, 257, 3000)), Radius).Sample((v, r) =>
        {
            var p = new double[v.Length];
            Projections.Simplex(v, r, p);
            var w = (double[])v.Clone();
            Projections.Simplex(w, r, w);
            Assert.Equal(p, w);
            Projections.L1Ball(v, r, p);
            w = (double[])v.Clone();
            Projections.L1Ball(w, r, w);
            Assert.Equal(p, w);
            Projections.SimplexBySorting(v, r, p);
            w = (double[])v.Clone();
            Projections.SimplexBySorting(w, r, w);
            Assert.Equal(p, w);
        }, iter: 200);
    }

    [Fact]
    public void Every_internal_path_agrees_with_sorting()
    {
        Gen.Select(ProxGen.Vector(ProxGen.Extreme, 1, 300), Radius, Gen.Bool).Sample((v, r, absolute) =>
        {
            double shift = absolute ? v.Max(Math.Abs) : v.Max();
            var scratch = new double[v.Length];
            double sorted = SimplexThreshold.Sorting(v, absolute, shift, r, scratch);
            double tol = 1e-12 * r * (1 + v.Length);
            void Check(double tau, string path) => Assert.True(Math.Abs(tau - sorted) <= tol, $"{path}: τ {tau} vs sorting τ {sorted}");
            Check(SimplexThreshold.Pivot(v.Select(x => (absolute ? Math.Abs(x) : x) - shift).ToArray(), r), "pivot");
            Check(SimplexThreshold.Condat(v, absolute, shift, r, scratch), "default");
            Check(SimplexThreshold.Condat(v, absolute, shift, r, scratch, budget: 0, denseLimit: int.MaxValue, newtonSteps: 12), "Michelot budget spent → pivot");
            Check(SimplexThreshold.Condat(v, absolute, shift, r, scratch, budget: long.MaxValue, denseLimit: 0, newtonSteps: 1000), "dense → Newton");
            Check(SimplexThreshold.Condat(v, absolute, shift, r, scratch, budget: long.MaxValue, denseLimit: 0, newtonSteps: 1), "dense → one Newton step → pivot");
            Check(SimplexThreshold.Condat(v, absolute, shift, r, scratch, budget: long.MaxValue, denseLimit: 0, newtonSteps: 0), "dense → pivot");
        }, iter: 1000);
    }

    [Theory]
    [InlineData(1.0, 0)]
    [InlineData(1e4, 0)]
    [InlineData(1.0, 1)]
    [InlineData(50.0, 2)]
    [InlineData(1e-3, 3)]
    [InlineData(1e5, 0)]
    [InlineData(3e5, 4)]
    public void Large_inputs_agree_with_sorting(double r, int kind)
    {
        const int n = 200_000;
        var rng = new Random(11 + kind);
        var v = new double[n];
        for (int j = 0; j < n; j++)
            v[j] = kind switch
            {
                0 => rng.NextDouble() * 2 - 1,
                1 => rng.Next(-3, 4),                       // massive ties
                2 => -j * 1e-3,                             // sorted decreasing: Condat's worst order
                3 => j * 1e-9 + 1e12,                       // increasing on a large offset
                _ => Math.Exp(-j * 1e-5),                   // geometric decay, dense support
            };
        var fast = new double[n];
        var sorted = new double[n];
        Projections.Simplex(v, r, fast);
        Projections.SimplexBySorting(v, r, sorted);
        double tol = 1e-12 * r * Math.Sqrt(n) + 4e-16 * v.Max(Math.Abs);
        for (int j = 0; j < n; j++) Assert.True(Math.Abs(fast[j] - sorted[j]) <= tol, $"j={j}: {fast[j]} vs {sorted[j]}");
        Assert.Equal(r, fast.Sum(), 1e-9 * r);
        var signed = v.Select((x, j) => j % 2 == 0 ? x : -x).ToArray();
        Projections.L1Ball(signed, r, fast);
        Projections.L1BallBySorting(signed, r, sorted);
        for (int j = 0; j < n; j++) Assert.True(Math.Abs(fast[j] - sorted[j]) <= tol, $"ℓ1 j={j}: {fast[j]} vs {sorted[j]}");
    }

    [Fact]
    public void Small_cases_are_exact()
    {
        var p = new double[3];
        Projections.Simplex([0.0, 0, 0], 3, p);
        Assert.Equal([1.0, 1, 1], p);
        Projections.Simplex([5.0, 5, -100], 1, p);
        Assert.Equal([0.5, 0.5, 0], p);
        Projections.Simplex([1e300, 0, 0], 1, p);
        Assert.Equal([1.0, 0, 0], p);
        var one = new double[1];
        Projections.Simplex([-7.0], 2, one);
        Assert.Equal([2.0], one);
        Projections.L1Ball([3.0, -4, 0], 1, p);
        Assert.Equal([0.0, -1, 0], p);
        Projections.L1Ball([], 1, []);
    }

    [Fact]
    public void Projections_allocate_nothing()
    {
        var v = Enumerable.Range(0, 5000).Select(i => Math.Sin(i)).ToArray();
        var p = new double[5000];
        var small = new double[100];
        Projections.Simplex(v, 1, p);
        Projections.Simplex(p, 1, p);
        Assert.Equal(0, Allocations.Least(() =>
        {
            for (int k = 0; k < 5; k++)
            {
                Projections.Simplex(v, 1, p);
                Projections.L1Ball(v, 1, p);
                Projections.Simplex(small, 1, small);
                Projections.Simplex(p, 1, p);
                Projections.L2Ball(v, 1, p);
                Projections.Hyperplane(v, v, 1, p);
            }
        }));
    }
}
