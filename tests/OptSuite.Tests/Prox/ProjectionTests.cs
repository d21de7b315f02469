using CsCheck;
using OptSuite.Prox;

namespace OptSuite.Tests.Prox;

public class ProjectionTests
{
    public static TheoryData<string> Names() => SetCatalog.Names();

    /// <summary>⟨v − p, z − p⟩ ≤ 0 up to rounding: the characterisation of the projection onto a closed convex set.</summary>
    internal static void AssertVariationalInequality(double[] v, double[] p, double[] z, string what)
    {
        var r = v.Select((x, i) => x - p[i]).ToArray();
        var s = z.Select((x, i) => x - p[i]).ToArray();
        double inner = ProxReferences.Dot(r, s);
        double nr = ProxReferences.Norm2(r), ns = ProxReferences.Norm2(s);
        double vmax = v.Concat(z).Select(Math.Abs).DefaultIfEmpty(0).Max();
        // p carries rounding errors δp of order ε·max|v|, which enter the inner product as ⟨δp, z − p⟩ + ⟨v − p, δp⟩.
        double tol = 1e-10 * nr * ns + 1e-13 * vmax * Math.Sqrt(v.Length) * (nr + ns) + 1e-300;
        Assert.True(inner <= tol, $"{what}: ⟨v − p, z − p⟩ = {inner} > {tol}");
    }

    [Theory, MemberData(nameof(Names))]
    public void Projection_is_feasible_and_satisfies_the_variational_inequality(string name)
    {
        var c = SetCatalog.Get(name);
        Gen.Select(ProxGen.Vector(ProxGen.Extreme, 1, 30), Gen.Int[0, int.MaxValue]).Sample((v, seed) =>
        {
            var rng = new Random(seed);
            var set = c.Create(v.Length, rng);
            var p = new double[v.Length];
            Assert.Equal(0.0, set.Prox(v, 1.0, p));
            Assert.DoesNotContain(p, double.IsNaN);
            Assert.Equal(0.0, set.Value(p));
            for (int k = 0; k < 10; k++)
            {
                var z = c.Feasible(set, v.Length, rng);
                Assert.Equal(0.0, set.Value(z));
                AssertVariationalInequality(v, p, z, $"{name} k={k}");
            }
        }, iter: 300);
    }

    [Theory, MemberData(nameof(Names))]
    public void Projection_is_idempotent_nonexpansive_and_works_in_place(string name)
    {
        var c = SetCatalog.Get(name);
        Gen.Select(ProxGen.Vector(ProxGen.Moderate, 1, 30), Gen.Int[0, int.MaxValue]).Sample((v, seed) =>
        {
            var rng = new Random(seed);
            var set = c.Create(v.Length, rng);
            var p = new double[v.Length];
            set.Prox(v, 1.0, p);
            var again = new double[v.Length];
            set.Prox(p, 1.0, again);
            double np = ProxReferences.Norm2(p);
            for (int j = 0; j < v.Length; j++) Assert.True(Math.Abs(again[j] - p[j]) <= 1e-12 * (1 + np), $"{name}: P(P(v)) ≠ P(v)");
            var w = v.Select(x => x + rng.NextDouble() - 0.5).ToArray();
            var q = new double[v.Length];
            set.Prox(w, 1.0, q);
            double dp = ProxReferences.Norm2(p.Select((x, i) => x - q[i])), dv = ProxReferences.Norm2(v.Select((x, i) => x - w[i]));
            Assert.True(dp <= dv * (1 + 1e-10) + 1e-12 * (1 + np), $"{name}: ‖P(v) − P(w)‖ = {dp} > ‖v − w‖ = {dv}");
            var inPlace = (double[])v.Clone();
            set.Prox(inPlace, 1.0, inPlace);
            Assert.Equal(p, inPlace);
        }, iter: 200);
    }

    [Theory, MemberData(nameof(Names))]
    public void Nothing_is_NaN_for_finite_extreme_inputs(string name)
    {
        var c = SetCatalog.Get(name);
        Gen.Select(ProxGen.Vector(ProxGen.Extreme, 1, 30), ProxGen.Vector(ProxGen.Extreme, 30), Gen.Int[0, int.MaxValue]).Sample((v, u, seed) =>
        {
            var set = c.Create(v.Length, new Random(seed));
            var us = u.AsSpan(0, v.Length);
            Assert.False(double.IsNaN(set.Value(v)));
            Assert.False(double.IsNaN(set.Conjugate(us)));
            Assert.False(double.IsNaN(set.ConjugateDomainGauge(us)));
            if (set is ISeparableRegularizer sep)
                for (int j = 0; j < v.Length; j++)
                {
                    Assert.False(double.IsNaN(sep.SubdifferentialDistance(v[j], us[j], j)));
                    Assert.False(double.IsNaN(sep.ProxCoordinate(v[j], 1, j)));
                }
        }, iter: 300);
    }

    [Fact]
    public void Hyperplane_projection_moves_along_the_normal_and_is_orthogonal_to_the_plane()
    {
        Gen.Select(ProxGen.Vector(ProxGen.Extreme, 1, 30), Gen.Int[0, int.MaxValue]).Sample((v, seed) =>
        {
            var rng = new Random(seed);
            var c = SetCatalog.Get("hyperplane");
            var h = (OptSuite.Prox.Indicators.Hyperplane)c.Create(v.Length, rng);
            var p = new double[v.Length];
            h.Prox(v, 1, p);
            var z = c.Feasible(h, v.Length, rng);
            // Both z and 2p − z lie on the plane, so the inequality holds both ways: ⟨v − p, z − p⟩ = 0.
            AssertVariationalInequality(v, p, z, "z");
            AssertVariationalInequality(v, p, p.Select((x, i) => 2 * x - z[i]).ToArray(), "2p − z");
            // The helper on the raw normal agrees with the struct on the unit normal.
            var q = new double[v.Length];
            var a = h.UnitNormal.ToArray().Select(x => x * 7.5).ToArray();
            Projections.Hyperplane(v, a, h.UnitOffset * 7.5, q);
            double scale = 1e-12 * (ProxReferences.Norm2(v) + Math.Abs(h.UnitOffset));
            for (int j = 0; j < v.Length; j++) Assert.True(Math.Abs(p[j] - q[j]) <= scale, $"helper {q[j]} vs struct {p[j]}");
        }, iter: 300);
    }

    [Fact]
    public void Projection_helpers_agree_with_plain_references()
    {
        Gen.Select(ProxGen.Vector(ProxGen.Moderate, 0, 30), Gen.Double[0.1, 5]).Sample((v, r) =>
        {
            var p = new double[v.Length];
            Projections.NonNegative(v, p);
            Assert.Equal(v.Select(x => Math.Max(x, 0)), p);
            Projections.Box(v, -r, 2 * r, p);
            Assert.Equal(v.Select(x => Math.Min(Math.Max(x, -r), 2 * r)), p);
            Projections.LInfinityBall(v, r, p);
            Assert.Equal(v.Select(x => Math.Min(Math.Max(x, -r), r)), p);
            Projections.L2Ball(v, r, p);
            var expected = ProxReferences.L2BallByBisection(v, r);
            for (int j = 0; j < v.Length; j++) Assert.Equal(expected[j], p[j], 1e-12 * (1 + r));
            if (v.Length > 0)
            {
                var a = v.Select((x, i) => i == 0 ? x + 1 : x).ToArray();
                if (a.Any(x => x != 0))
                {
                    Projections.Halfspace(v, a, r, p);
                    double na2 = a.Sum(x => x * x), excess = Math.Max(ProxReferences.Dot(a, v) - r, 0) / na2;
                    for (int j = 0; j < v.Length; j++) Assert.Equal(v[j] - excess * a[j], p[j], 1e-10 * (1 + Math.Abs(v[j])));
                }
            }
        }, iter: 300);
    }
}
