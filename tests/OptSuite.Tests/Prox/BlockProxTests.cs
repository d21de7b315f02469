using CsCheck;
using OptSuite.Prox.Regularizers;
using OptSuite.Prox;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Prox;

public class BlockProxTests
{
    public static TheoryData<string> Names() => BlockCatalog.Names();

    [Theory, MemberData(nameof(Names))]
    public void Prox_agrees_with_the_ball_bisection_reference_block_by_block(string name)
    {
        var c = BlockCatalog.Get(name);
        Gen.Select(BlockCatalog.WithPoint(c, ProxGen.Moderate), ProxGen.ModerateStep).Sample((rv, step) =>
        {
            var (reg, v) = rv;
            var p = new double[v.Length];
            reg.Prox(v, step, p);
            for (int g = 0; g < reg.Blocks.Count; g++)
            {
                var vg = BlockCatalog.Gather(v, reg.Blocks.Block(g));
                if (c.NonNegative) vg = vg.Select(x => Math.Max(x, 0)).ToArray();
                var expected = ProxReferences.BlockShrinkReference(vg, step * BlockCatalog.Strength(reg, g));
                var actual = BlockCatalog.Gather(p, reg.Blocks.Block(g));
                for (int i = 0; i < vg.Length; i++)
                    Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-9 * (1 + ProxReferences.Norm2(vg)), $"{name} g={g} i={i}: {actual[i]} vs {expected[i]}");
            }
        }, iter: 200);
    }

    [Theory, MemberData(nameof(Names))]
    public void Prox_beats_random_feasible_perturbations(string name)
    {
        var c = BlockCatalog.Get(name);
        Gen.Select(BlockCatalog.WithPoint(c, ProxGen.Moderate), ProxGen.ModerateStep, Gen.Int[0, 1_000_000]).Sample((rv, step, seed) =>
        {
            var (reg, v) = rv;
            var p = new double[v.Length];
            reg.Prox(v, step, p);
            double Phi(double[] z) => reg.Value(z) + z.Select((x, i) => (x - v[i]) * (x - v[i])).Sum() / (2 * step);
            double best = Phi(p);
            var rng = new Random(seed);
            for (int k = 0; k < 20; k++)
            {
                double scale = Math.Pow(10, -rng.Next(1, 6));
                var z = p.Select(x => x + scale * (rng.NextDouble() * 2 - 1)).ToArray();
                if (c.NonNegative) for (int i = 0; i < z.Length; i++) z[i] = Math.Max(z[i], 0);
                Assert.True(best <= Phi(z) + 1e-12 * (1 + Math.Abs(best)), $"{name}: φ(prox) = {best} > φ(z) = {Phi(z)}");
            }
        }, iter: 200);
    }

    [Theory, MemberData(nameof(Names))]
    public void Prox_satisfies_the_block_optimality_condition_on_extreme_inputs(string name)
    {
        var c = BlockCatalog.Get(name);
        Gen.Select(BlockCatalog.WithPoint(c, ProxGen.Extreme), ProxGen.Step).Sample((rv, step) =>
        {
            var (reg, v) = rv;
            var p = new double[v.Length];
            double returned = reg.Prox(v, step, p);
            Assert.DoesNotContain(p, double.IsNaN);
            double value = reg.Value(p), sum = 0;
            for (int g = 0; g < reg.Blocks.Count; g++)
            {
                var idx = reg.Blocks.Block(g);
                var pg = BlockCatalog.Gather(p, idx);
                var vg = BlockCatalog.Gather(v, idx);
                var gradient = vg.Select((x, i) => -(x - pg[i]) / step).ToArray();
                double dist = reg.SubdifferentialDistanceBlock(pg, gradient, g);
                double tol = 1e-9 * ((ProxReferences.Norm2(vg) + ProxReferences.Norm2(pg)) / step + BlockCatalog.Strength(reg, g));
                Assert.True(dist <= tol, $"{name} g={g} η={step}: distance {dist} > {tol}");
                sum += reg.ValueBlock(pg, g);
            }
            Assert.True(Math.Abs(returned - value) <= 1e-12 * value + 1e-300, $"{name}: returned {returned}, R(p) = {value}");
            Assert.True(Math.Abs(sum - value) <= 1e-12 * value + 1e-300, $"{name}: Σ r_g = {sum}, R(p) = {value}");
        }, iter: 300);
    }

    [Theory, MemberData(nameof(Names))]
    public void ProxBlock_in_place_and_full_prox_agree(string name)
    {
        var c = BlockCatalog.Get(name);
        Gen.Select(BlockCatalog.WithPoint(c, ProxGen.Extreme), ProxGen.Step).Sample((rv, step) =>
        {
            var (reg, v) = rv;
            var p = new double[v.Length];
            reg.Prox(v, step, p);
            var w = (double[])v.Clone();
            reg.Prox(w, step, w);
            Assert.Equal(p, w);
            for (int g = 0; g < reg.Blocks.Count; g++)
            {
                var vg = BlockCatalog.Gather(v, reg.Blocks.Block(g));
                var rg = new double[vg.Length];
                reg.ProxBlock(vg, step, g, rg);
                var pg = BlockCatalog.Gather(p, reg.Blocks.Block(g));
                for (int i = 0; i < rg.Length; i++)
                    Assert.True(Math.Abs(rg[i] - pg[i]) <= 1e-14 * ProxReferences.Norm2(vg), $"{name} g={g}: block {rg[i]} vs full {pg[i]}");
            }
        }, iter: 200);
    }

    [Theory, MemberData(nameof(Names))]
    public void SubdifferentialDistanceBlock_matches_a_direct_computation(string name)
    {
        var c = BlockCatalog.Get(name);
        var entry = Gen.Frequency((3, Gen.Const(0.0)), (1, Gen.Const(-1.0)), (4, Gen.Double[-3, 3]));
        Gen.Select(BlockCatalog.WithPoint(c, entry), ProxGen.Vector(ProxGen.Moderate, 40)).Sample((rv, gs) =>
        {
            var (reg, w) = rv;
            for (int b = 0; b < reg.Blocks.Count; b++)
            {
                var wg = BlockCatalog.Gather(w, reg.Blocks.Block(b));
                var gg = gs.AsSpan(0, wg.Length).ToArray();
                double t = BlockCatalog.Strength(reg, b), actual = reg.SubdifferentialDistanceBlock(wg, gg, b);
                Assert.Equal(Expected(wg, gg, t, c.NonNegative), actual, 1e-12 * (1 + t + ProxReferences.Norm2(gg)));
            }
        }, iter: 200);

        // dist(−g, t∂‖·‖(w) + N(w)): the gradient of the norm where w ≠ 0, the ball plus the orthant's cone at 0.
        static double Expected(double[] w, double[] g, double t, bool nonNegative)
        {
            if (nonNegative && w.Any(x => x < 0)) return double.PositiveInfinity;
            double nw = ProxReferences.Norm2(w);
            if (nw == 0) return Math.Max(ProxReferences.Norm2(nonNegative ? g.Select(x => Math.Max(-x, 0)) : g) - t, 0);
            return ProxReferences.Norm2(w.Select((x, i) => nonNegative && x == 0 ? Math.Max(-g[i], 0) : g[i] + t * x / nw));
        }
    }

    [Fact]
    public void Scattered_groups_match_the_permuted_contiguous_problem()
    {
        Gen.Select(BlockCatalog.Scattered, ProxGen.Step, Gen.Double[0, 2]).SelectMany(t => ProxGen.Vector(ProxGen.Extreme, t.Item1.Dimension).Select(v => (t.Item1, t.Item2, t.Item3, v)))
            .Sample(x =>
            {
                var (blocks, step, lambda, v) = x;
                var perm = blocks.Indices.ToArray();
                var sizes = Enumerable.Range(0, blocks.Count).Select(blocks.Size).ToArray();
                var vPerm = perm.Select(j => v[j]).ToArray();
                foreach (bool nn in new[] { false, true })
                {
                    IBlockRegularizer scattered = nn ? new NonNegativeGroupLasso(blocks, lambda) : new GroupLasso(blocks, lambda);
                    IBlockRegularizer contiguous = nn ? new NonNegativeGroupLasso(BlockPartition.FromSizes(sizes), lambda) : new GroupLasso(BlockPartition.FromSizes(sizes), lambda);
                    var p = new double[v.Length];
                    var q = new double[v.Length];
                    double rp = scattered.Prox(v, step, p), rq = contiguous.Prox(vPerm, step, q);
                    for (int i = 0; i < perm.Length; i++) Assert.Equal(q[i], p[perm[i]], 1e-14 * (Math.Abs(q[i]) + 1e-300) + 1e-14 * Math.Abs(vPerm[i]));
                    Assert.Equal(rq, rp, 1e-12 * rq + 1e-300);
                }
            }, iter: 200);
    }

    [Fact]
    public void L21_is_the_group_lasso_over_rows_with_unit_weights()
    {
        Gen.Select(Gen.Int[1, 6], Gen.Int[1, 5], Gen.Double[0, 2], ProxGen.Step).SelectMany(t => ProxGen.Vector(ProxGen.Extreme, t.Item1 * t.Item2).Select(v => (t, v)))
            .Sample(x =>
            {
                var ((rows, cols, lambda, step), v) = x;
                var l21 = new L21Norm(rows, cols, lambda);
                var gl = new GroupLasso(BlockPartition.Uniform(rows, cols), lambda, Enumerable.Repeat(1.0, rows).ToArray());
                var p = new double[v.Length];
                var q = new double[v.Length];
                double rq = gl.Prox(v, step, q);
                Assert.Equal(rq, l21.Prox(v, step, p), 1e-12 * rq);
                Assert.Equal(q, p);
                Assert.Equal(gl.ConjugateDomainGauge(v), l21.ConjugateDomainGauge(v));
                Assert.Equal(gl.Conjugate(v), l21.Conjugate(v));
            }, iter: 200);
    }

    [Theory, MemberData(nameof(Names))]
    public void Nothing_is_NaN_for_finite_extreme_inputs(string name)
    {
        var c = BlockCatalog.Get(name);
        Gen.Select(BlockCatalog.WithPoint(c, ProxGen.Extreme), ProxGen.Vector(ProxGen.Extreme, 40), ProxGen.Step).Sample((rv, u, step) =>
        {
            var (reg, v) = rv;
            var us = u.AsSpan(0, v.Length);
            Assert.False(double.IsNaN(reg.Value(v)));
            Assert.False(double.IsNaN(reg.Conjugate(us)));
            Assert.False(double.IsNaN(reg.ConjugateDomainGauge(us)));
            for (int g = 0; g < reg.Blocks.Count; g++)
            {
                var vg = BlockCatalog.Gather(v, reg.Blocks.Block(g));
                var ug = BlockCatalog.Gather(us, reg.Blocks.Block(g));
                Assert.False(double.IsNaN(reg.ValueBlock(vg, g)));
                Assert.False(double.IsNaN(reg.SubdifferentialDistanceBlock(vg, ug, g)));
                Assert.False(double.IsNaN(reg.ProxBlock(vg, step, g, vg)));
                Assert.DoesNotContain(vg, double.IsNaN);
            }
        }, iter: 300);
    }

    [Fact]
    public void Prox_allocates_nothing()
    {
        var rng = new Random(3);
        var labels = Enumerable.Range(0, 1200).Select(_ => rng.Next(100)).ToArray();
        IBlockRegularizer[] regs =
        [
            new L21Norm(300, 4, 0.3),
            new GroupLasso(BlockPartition.FromSizes(Enumerable.Repeat(12, 100).ToArray()), 0.3),
            new GroupLasso(BlockPartition.FromGroupLabels(labels), 0.3),
            new NonNegativeGroupLasso(BlockPartition.FromGroupLabels(labels), 0.3),
        ];
        var v = Enumerable.Range(0, 1200).Select(i => Math.Sin(i) * 3).ToArray();
        var p = new double[1200];
        foreach (var reg in regs)
        {
            reg.Prox(v, 0.5, p);
            Assert.Equal(0, Allocations.Least(() =>
            {
                for (int k = 0; k < 10; k++) reg.Prox(v, 0.5, p);
                for (int k = 0; k < 10; k++) reg.ProxBlock(v.AsSpan(0, reg.Blocks.Size(0)), 0.5, 0, p.AsSpan(0, reg.Blocks.Size(0)));
            }));
        }
    }
}
