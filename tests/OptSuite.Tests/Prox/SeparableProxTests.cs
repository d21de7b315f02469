using CsCheck;
using OptSuite.Prox;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Prox;

public class SeparableProxTests
{
    public static TheoryData<string> Names() => SeparableCatalog.Names();

    private static double[] ProxOf(ISeparableRegularizer reg, double[] v, double step, out double returned)
    {
        var p = new double[v.Length];
        returned = reg.Prox(v, step, p);
        return p;
    }

    [Theory, MemberData(nameof(Names))]
    public void Prox_agrees_with_a_golden_section_search_per_coordinate(string name)
    {
        var c = SeparableCatalog.Get(name);
        Gen.Select(ProxGen.Vector(ProxGen.Moderate, 1, 12), ProxGen.ModerateStep).Sample((v, step) =>
        {
            var reg = c.Create(v.Length);
            var p = ProxOf(reg, v, step, out _);
            for (int j = 0; j < v.Length; j++)
            {
                var (lo, hi) = c.Domain(reg, j);
                double vj = v[j];
                double phi(double z) => reg.ValueCoordinate(z, j) + (z - vj) * (z - vj) / (2 * step);
                double a = Math.Clamp(Math.Min(vj, 0) - 1, lo, hi), b = Math.Clamp(Math.Max(vj, 0) + 1, lo, hi);
                double reference = ProxReferences.GoldenSection(phi, a, b);
                Assert.True(Math.Abs(p[j] - reference) <= 1e-6 * (1 + Math.Abs(vj)), $"{name} j={j} v={vj} η={step}: prox {p[j]} vs golden {reference}");
                Assert.True(phi(p[j]) <= phi(reference) + 1e-12 * (1 + Math.Abs(phi(reference))), $"{name} j={j}: φ(prox) > φ(golden)");
            }
        }, iter: 200);
    }

    [Theory, MemberData(nameof(Names))]
    public void Prox_satisfies_the_optimality_condition_on_extreme_inputs(string name)
    {
        var c = SeparableCatalog.Get(name);
        Gen.Select(ProxGen.Vector(ProxGen.Extreme, 1, 40), ProxGen.Step).Sample((v, step) =>
        {
            var reg = c.Create(v.Length);
            var p = ProxOf(reg, v, step, out _);
            for (int j = 0; j < v.Length; j++)
            {
                // (v − p)/η ∈ ∂r_j(p_j)  ⟺  dist(−g, ∂r_j(p_j)) = 0 with g = −(v − p)/η.
                double u = (v[j] - p[j]) / step;
                double dist = reg.SubdifferentialDistance(p[j], -u, j);
                double tol = 1e-9 * ((Math.Abs(v[j]) + Math.Abs(p[j])) / step + c.Scale * (1 + Math.Abs(p[j])));
                Assert.True(dist <= tol, $"{name} j={j} v={v[j]} η={step} p={p[j]}: distance {dist} > {tol}");
            }
        }, iter: 300);
    }

    [Theory, MemberData(nameof(Names))]
    public void Prox_returns_the_value_at_its_result(string name)
    {
        var c = SeparableCatalog.Get(name);
        Gen.Select(ProxGen.Vector(ProxGen.Extreme, 0, 40), ProxGen.Step).Sample((v, step) =>
        {
            var reg = c.Create(v.Length);
            var p = ProxOf(reg, v, step, out double returned);
            double value = reg.Value(p);
            Assert.True(double.IsFinite(value), $"{name}: R(prox) = {value}");
            Assert.True(Math.Abs(returned - value) <= 1e-12 * Math.Abs(value) + 1e-300, $"{name}: returned {returned}, R(p) = {value}");
        }, iter: 300);
    }

    [Theory, MemberData(nameof(Names))]
    public void ProxCoordinate_and_ValueCoordinate_match_the_vector_operations(string name)
    {
        var c = SeparableCatalog.Get(name);
        Gen.Select(ProxGen.Vector(ProxGen.Extreme, 0, 40), ProxGen.Step).Sample((v, step) =>
        {
            var reg = c.Create(v.Length);
            var p = ProxOf(reg, v, step, out _);
            double sum = 0;
            for (int j = 0; j < v.Length; j++)
            {
                Assert.Equal(p[j], reg.ProxCoordinate(v[j], step, j));
                sum += reg.ValueCoordinate(p[j], j);
            }
            double value = reg.Value(p);
            Assert.True(Math.Abs(sum - value) <= 1e-12 * Math.Abs(value) + 1e-300, $"{name}: Σ r_j = {sum}, R = {value}");
        }, iter: 200);
    }

    [Theory, MemberData(nameof(Names))]
    public void ConjugateCoordinate_and_its_gauge_match_the_vector_operations(string name)
    {
        // R*(u) = Σ_j r_j*(u_j) (+∞ as soon as one term is) and the gauge of dom R* is the largest coordinate gauge: a
        // duality gap summed over some coordinates relies on both.
        var c = SeparableCatalog.Get(name);
        Gen.Select(ProxGen.Vector(ProxGen.Extreme, 0, 40), Gen.Double[0.1, 3]).Sample((v, s) =>
        {
            var reg = c.Create(v.Length);
            double[] u = v.Select(x => x * s).ToArray();
            double sum = 0, gauge = 0;
            for (int j = 0; j < u.Length; j++)
            {
                sum += reg.ConjugateCoordinate(u[j], j);
                gauge = Math.Max(gauge, reg.ConjugateDomainGaugeCoordinate(u[j], j));
            }
            double conjugate = reg.Conjugate(u), whole = reg.ConjugateDomainGauge(u);
            if (double.IsPositiveInfinity(conjugate)) Assert.True(double.IsPositiveInfinity(sum), $"{name}: Σ r_j* = {sum}, R* = +∞");
            else Assert.True(Math.Abs(sum - conjugate) <= 1e-12 * Math.Abs(conjugate) + 1e-300, $"{name}: Σ r_j* = {sum}, R* = {conjugate}");
            Assert.Equal(whole, gauge);
            for (int j = 0; j < u.Length; j++)
            {
                Assert.Equal(0.0, reg.ConjugateCoordinate(0, j));
                Assert.Equal(0.0, reg.ConjugateDomainGaugeCoordinate(0, j));
            }
        }, iter: 200);
    }

    [Theory, MemberData(nameof(Names))]
    public void Prox_in_place_matches_out_of_place(string name)
    {
        var c = SeparableCatalog.Get(name);
        Gen.Select(ProxGen.Vector(ProxGen.Extreme, 0, 40), ProxGen.Step).Sample((v, step) =>
        {
            var reg = c.Create(v.Length);
            var p = ProxOf(reg, v, step, out double r1);
            var w = (double[])v.Clone();
            double r2 = reg.Prox(w, step, w);
            Assert.Equal(p, w);
            Assert.Equal(r1, r2);
        }, iter: 100);
    }

    [Theory, MemberData(nameof(Names))]
    public void SubdifferentialDistance_matches_one_sided_finite_differences(string name)
    {
        var c = SeparableCatalog.Get(name);
        var point = Gen.Frequency((3, Gen.Const(0.0)), (2, Gen.Int[-4, 4].Select(i => 0.5 * i)), (2, Gen.Double[-3, 3]), (2, Gen.Const(double.NaN)));
        Gen.Select(point.Array[1, 10], ProxGen.Vector(ProxGen.Moderate, 10)).Sample((ws, gs) =>
        {
            var reg = c.Create(ws.Length);
            for (int j = 0; j < ws.Length; j++)
            {
                var (lo, hi) = c.Domain(reg, j);
                // NaN marks "sit on a bound of the domain" (the kink of an indicator).
                double w = double.IsNaN(ws[j]) ? (double.IsFinite(lo) ? lo : double.IsFinite(hi) ? hi : 0) : ws[j];
                double g = gs[j];
                double actual = reg.SubdifferentialDistance(w, g, j);
                if (w < lo || w > hi)
                {
                    Assert.Equal(double.PositiveInfinity, actual);
                    continue;
                }
                var (left, right) = ProxReferences.OneSidedDerivatives(z => reg.ValueCoordinate(z, j), w, lo, hi);
                double expected = ProxReferences.IntervalDistance(-g, left, right);
                Assert.True(Math.Abs(actual - expected) <= 1e-5 * (1 + Math.Abs(g) + c.Scale * (1 + Math.Abs(w))),
                    $"{name} j={j} w={w} g={g}: distance {actual}, finite differences [{left}, {right}] give {expected}");
            }
        }, iter: 200);
    }

    [Theory, MemberData(nameof(Names))]
    public void Nothing_is_NaN_for_finite_extreme_inputs(string name)
    {
        var c = SeparableCatalog.Get(name);
        Gen.Select(ProxGen.Vector(ProxGen.Extreme, 0, 30), ProxGen.Vector(ProxGen.Extreme, 30), ProxGen.Step).Sample((v, u, step) =>
        {
            var reg = c.Create(v.Length);
            var us = u.AsSpan(0, v.Length);
            var p = ProxOf(reg, v, step, out double returned);
            Assert.False(double.IsNaN(returned));
            Assert.DoesNotContain(p, double.IsNaN);
            Assert.False(double.IsNaN(reg.Value(v)));
            Assert.False(double.IsNaN(reg.Conjugate(us)));
            Assert.False(double.IsNaN(reg.ConjugateDomainGauge(us)));
            for (int j = 0; j < v.Length; j++)
            {
                Assert.False(double.IsNaN(reg.ValueCoordinate(v[j], j)));
                Assert.False(double.IsNaN(reg.ProxCoordinate(v[j], step, j)));
                Assert.False(double.IsNaN(reg.SubdifferentialDistance(v[j], us[j], j)));
                Assert.False(double.IsNaN(reg.SubdifferentialDistance(p[j], us[j], j)));
            }
        }, iter: 300);
    }

    [Theory, MemberData(nameof(Names))]
    public void Prox_allocates_nothing(string name)
    {
        var reg = SeparableCatalog.Get(name).Create(1000);
        var v = Enumerable.Range(0, 1000).Select(i => Math.Sin(i) * 3).ToArray();
        var p = new double[1000];
        reg.Prox(v, 0.5, p);
        double s = 0;
        Assert.Equal(0, Allocations.Least(() =>
        {
            for (int k = 0; k < 10; k++) reg.Prox(v, 0.5, p);
            for (int k = 0; k < 10; k++) reg.Prox(p, 0.5, p);
            for (int j = 0; j < 1000; j++) s += reg.ProxCoordinate(v[j], 0.5, j) + reg.SubdifferentialDistance(p[j], v[j], j);
        }));
        Assert.False(double.IsNaN(s));
    }
}
