using CsCheck;
using OptSuite.Prox;

namespace OptSuite.Tests.Prox;

public class RegularizerConjugateTests
{
    public static TheoryData<string> Names() => RegularizerCatalog.Names();

    public static TheoryData<string> SeparableNames() => SeparableCatalog.Names();

    private static readonly Gen<int> Seed = Gen.Int[0, int.MaxValue];

    [Theory, MemberData(nameof(Names))]
    public void Fenchel_Young_inequality_holds_for_random_pairs(string name)
    {
        var create = RegularizerCatalog.Get(name);
        Gen.Select(ProxGen.Vector(ProxGen.Moderate, 1, 20), ProxGen.Vector(ProxGen.Moderate, 20), Seed).Sample((w, u, seed) =>
        {
            var reg = create(w.Length, new Random(seed));
            var us = u.AsSpan(0, w.Length);
            double r = reg.Value(w), c = reg.Conjugate(us), inner = ProxReferences.Dot(w, us);
            Assert.False(double.IsNaN(r) || double.IsNaN(c));
            if (double.IsPositiveInfinity(r) || double.IsPositiveInfinity(c)) return;
            Assert.True(r + c >= inner - 1e-12 * (Math.Abs(r) + Math.Abs(c) + ProxReferences.AbsDot(w, us)), $"{name}: R(w) + R*(u) = {r + c} < ⟨w, u⟩ = {inner}");
        }, iter: 300);
    }

    [Theory, MemberData(nameof(Names))]
    public void Fenchel_Young_equality_holds_at_a_subgradient_given_by_the_prox(string name)
    {
        var create = RegularizerCatalog.Get(name);
        Gen.Select(ProxGen.Vector(ProxGen.Moderate, 1, 20), ProxGen.ModerateStep, Seed).Sample((v, step, seed) =>
        {
            var reg = create(v.Length, new Random(seed));
            var p = new double[v.Length];
            reg.Prox(v, step, p);
            var u = v.Select((x, i) => (x - p[i]) / step).ToArray();   // u ∈ ∂R(p)
            double r = reg.Value(p), c = reg.Conjugate(u), inner = ProxReferences.Dot(p, u);
            if (double.IsPositiveInfinity(c) && RoundingLeavesTheLine(reg, u, ProxReferences.Norm2(v) / step)) return;
            Assert.True(double.IsFinite(r) && double.IsFinite(c), $"{name}: R(p) = {r}, R*(u) = {c}");
            double tol = 1e-9 * (Math.Abs(r) + Math.Abs(c) + ProxReferences.AbsDot(p, u)) + 1e-12;
            Assert.True(Math.Abs(r + c - inner) <= tol, $"{name}: R(p) + R*(u) − ⟨p, u⟩ = {r + c - inner}");
        }, iter: 300);
    }

    /// <summary>
    /// The conjugates of the hyperplane and halfspace indicators live on a line (ray) through â; u = (v − p)/η carries
    /// rounding of order ε‖v‖/η, which leaves the line by more than the relative slack when ‖u‖ ≪ ‖v‖/η. Nothing can
    /// absorb that, so those samples only need u to be on the line to rounding.
    /// </summary>
    private static bool RoundingLeavesTheLine(IRegularizer reg, double[] u, double scale)
    {
        ReadOnlySpan<double> unit = reg switch
        {
            OptSuite.Prox.Indicators.Hyperplane h => h.UnitNormal,
            OptSuite.Prox.Indicators.Halfspace h => h.UnitNormal,
            _ => default,
        };
        if (unit.IsEmpty) return false;
        double t = ProxReferences.Dot(unit, u);
        var off = new double[u.Length];
        for (int j = 0; j < u.Length; j++) off[j] = u[j] - t * unit[j];
        return ProxReferences.Norm2(off) <= 1e-13 * scale;
    }

    [Theory, MemberData(nameof(Names))]
    public void Domain_gauge_is_the_smallest_feasible_rescaling(string name)
    {
        var create = RegularizerCatalog.Get(name);
        var entry = Gen.Frequency((3, Gen.Const(0.0)), (3, Gen.Double[-3, 3]), (1, Gen.Select(Gen.Double[-1, 1], Gen.Int[-100, 100], (m, e) => m * Math.Pow(10, e))));
        Gen.Select(entry.Array[1, 20], Seed).Sample((u, seed) =>
        {
            var reg = create(u.Length, new Random(seed));
            double t = reg.ConjugateDomainGauge(u);
            Assert.True(t >= 0, $"{name}: gauge {t}");
            if (double.IsPositiveInfinity(t))
            {
                Assert.Equal(double.PositiveInfinity, reg.Conjugate(u));
                Assert.Equal(double.PositiveInfinity, reg.Conjugate(u.Select(x => x * 1e-10).ToArray()));
                return;
            }
            // What a duality-gap computation does: shrink by max(1, t) and get a finite conjugate.
            double s = Math.Max(1, t);
            Assert.True(double.IsFinite(reg.Conjugate(u.Select(x => x / s).ToArray())), $"{name}: R*(u / max(1, {t})) is infinite");
            if (t == 0) Assert.True(double.IsFinite(reg.Conjugate(u)), $"{name}: gauge 0 but R*(u) infinite");
            else
            {
                Assert.True(double.IsFinite(reg.Conjugate(u.Select(x => x / t).ToArray())), $"{name}: R*(u/t) infinite at t = {t}");
                Assert.Equal(double.PositiveInfinity, reg.Conjugate(u.Select(x => x / (t * 0.999)).ToArray()));
            }
        }, iter: 300);
    }

    [Theory, MemberData(nameof(SeparableNames))]
    public void Separable_conjugate_matches_a_numerical_supremum(string name)
    {
        var c = SeparableCatalog.Get(name);
        var entry = Gen.Frequency((2, Gen.Const(0.0)), (2, Gen.Int[-6, 6].Select(i => 0.35 * i)), (4, Gen.Double[-3, 3]));
        entry.Array[1, 6].Sample(u =>
        {
            var reg = c.Create(u.Length);
            double expected = reg.Conjugate(u);
            double sum = 0, sumWide = 0;
            bool unbounded = false;
            for (int j = 0; j < u.Length; j++)
            {
                var (lo, hi) = c.Domain(reg, j);
                var (value, z) = Sup(reg, u[j], j, lo, hi, 100);
                var (wide, zWide) = Sup(reg, u[j], j, lo, hi, 1000);
                sum += value;
                sumWide += wide;
                // Unbounded: the maximiser runs to the edge of the range and the supremum grows with it (linearly,
                // so ten times the range gives about ten times the value, however small the slope).
                unbounded |= Math.Abs(z) >= 100 * (1 - 1e-9) && Math.Abs(zWide) >= 1000 * (1 - 1e-9) && wide > 0 && wide > 2 * value;
            }
            if (double.IsPositiveInfinity(expected))
                Assert.True(unbounded, $"{name}: R*(u) = +∞ but no coordinate's supremum grows with the range (sup ≈ {sum})");
            else
            {
                Assert.False(unbounded, $"{name}: R*(u) = {expected} but a coordinate's supremum grows with the range");
                Assert.True(Math.Abs(sum - expected) <= 1e-6 * (1 + Math.Abs(expected)), $"{name}: R*(u) = {expected}, numerical sup {sum}");
                Assert.True(Math.Abs(sumWide - sum) <= 1e-6 * (1 + Math.Abs(expected)), $"{name}: supremum still growing");
            }
        }, iter: 300);

        static (double Value, double Z) Sup(ISeparableRegularizer reg, double uj, int j, double lo, double hi, double range)
        {
            double a = Math.Max(lo, -range), b = Math.Min(hi, range);
            double z = ProxReferences.GoldenSection(x => reg.ValueCoordinate(x, j) - uj * x, a, b);
            return (uj * z - reg.ValueCoordinate(z, j), z);
        }
    }
}
