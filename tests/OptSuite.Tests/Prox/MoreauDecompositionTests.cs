using CsCheck;
using OptSuite.Prox;
using OptSuite.Prox.Indicators;
using OptSuite.Prox.Regularizers;

namespace OptSuite.Tests.Prox;

/// <summary>
/// v = prox_{ηR}(v) + η·prox_{R*/η}(v/η) (Moreau 1965; Parikh and Boyd 2014 §2.5), with the conjugate's prox built from a
/// different operator of the library or written out here.
/// </summary>
public class MoreauDecompositionTests
{
    private static readonly Gen<(double[], double)> Input = Gen.Select(ProxGen.Vector(ProxGen.Extreme, 0, 40), ProxGen.Step);

    /// <summary>Checks v = p + η·q entrywise, to rounding of the three terms.</summary>
    private static void AssertDecomposition(double[] v, double[] p, double[] q, double step, string what)
    {
        for (int j = 0; j < v.Length; j++)
        {
            double rebuilt = p[j] + step * q[j];
            double tol = 1e-14 * (Math.Abs(v[j]) + Math.Abs(p[j]) + Math.Abs(step * q[j])) * 8 + 1e-300;
            Assert.True(Math.Abs(rebuilt - v[j]) <= tol, $"{what} j={j}: v = {v[j]}, prox + η·prox* = {rebuilt}");
        }
    }

    private static double[] Scaled(double[] v, double step) => v.Select(x => x / step).ToArray();

    [Fact]
    public void L1_norm_and_the_Linf_ball()
    {
        Input.Sample((v, step) =>
        {
            double lambda = 0.7;
            var p = new double[v.Length];
            var q = new double[v.Length];
            new L1Norm(lambda).Prox(v, step, p);
            new LInfinityBall(lambda).Prox(Scaled(v, step), 1 / step, q);
            AssertDecomposition(v, p, q, step, "ℓ1");
        }, iter: 300);
    }

    [Fact]
    public void Weighted_L1_norm_and_a_box()
    {
        Input.Sample((v, step) =>
        {
            var c = SeparableCatalog.Weights(v.Length);
            var p = new double[v.Length];
            var q = new double[v.Length];
            new L1Norm(0.7, c).Prox(v, step, p);
            new Box(c.Select(x => -0.7 * x).ToArray(), c.Select(x => 0.7 * x).ToArray()).Prox(Scaled(v, step), 1 / step, q);
            AssertDecomposition(v, p, q, step, "weighted ℓ1");
            new NonNegativeL1Norm(0.7, c).Prox(v, step, p);
            new Box(c.Select(_ => double.NegativeInfinity).ToArray(), c.Select(x => 0.7 * x).ToArray()).Prox(Scaled(v, step), 1 / step, q);
            AssertDecomposition(v, p, q, step, "non-negative weighted ℓ1");
        }, iter: 300);
    }

    [Fact]
    public void L21_norm_and_row_wise_L2_balls()
    {
        Gen.Select(Gen.Int[1, 8], Gen.Int[1, 5], ProxGen.Step).SelectMany(t => ProxGen.Vector(ProxGen.Extreme, t.Item1 * t.Item2).Select(v => (t, v))).Sample(x =>
        {
            var ((rows, cols, step), v) = x;
            var p = new double[v.Length];
            var q = Scaled(v, step);
            new L21Norm(rows, cols, 0.4).Prox(v, step, p);
            for (int i = 0; i < rows; i++) Projections.L2Ball(q.AsSpan(i * cols, cols), 0.4, q.AsSpan(i * cols, cols));
            AssertDecomposition(v, p, q, step, "ℓ2,1");
        }, iter: 300);
    }

    [Fact]
    public void Group_lasso_and_group_wise_L2_balls()
    {
        Gen.Select(BlockCatalog.Scattered, ProxGen.Step).SelectMany(t => ProxGen.Vector(ProxGen.Extreme, t.Item1.Dimension).Select(v => (t, v))).Sample(x =>
        {
            var ((blocks, step), v) = x;
            var reg = new GroupLasso(blocks, 0.4);
            var p = new double[v.Length];
            var q = Scaled(v, step);
            reg.Prox(v, step, p);
            for (int g = 0; g < blocks.Count; g++)
            {
                var idx = blocks.Block(g);
                var qg = BlockCatalog.Gather(q, idx);
                Projections.L2Ball(qg, reg.StrengthOf(g), qg);
                for (int i = 0; i < idx.Length; i++) q[idx[i]] = qg[i];
            }
            AssertDecomposition(v, p, q, step, "group lasso");
        }, iter: 300);
    }

    [Fact]
    public void L2_ball_and_the_L2_norm()
    {
        Input.Sample((v, step) =>
        {
            if (v.Length == 0) return;
            double r = 1.7;
            var p = new double[v.Length];
            var q = new double[v.Length];
            new L2Ball(r).Prox(v, step, p);
            new L21Norm(1, v.Length, r).Prox(Scaled(v, step), 1 / step, q);   // σ = r‖·‖₂, one row
            AssertDecomposition(v, p, q, step, "ℓ2 ball");
        }, iter: 300);
    }

    [Fact]
    public void Linf_ball_and_the_L1_norm()
    {
        Input.Sample((v, step) =>
        {
            var p = new double[v.Length];
            var q = new double[v.Length];
            new LInfinityBall(0.9).Prox(v, step, p);
            new L1Norm(0.9).Prox(Scaled(v, step), 1 / step, q);
            AssertDecomposition(v, p, q, step, "ℓ∞ ball");
        }, iter: 300);
    }

    [Fact]
    public void Orthant_and_the_non_positive_orthant()
    {
        Input.Sample((v, step) =>
        {
            var p = new double[v.Length];
            var q = new double[v.Length];
            new NonNegativeOrthant().Prox(v, step, p);
            new Box(double.NegativeInfinity, 0).Prox(Scaled(v, step), 1 / step, q);
            AssertDecomposition(v, p, q, step, "orthant");
        }, iter: 300);
    }

    [Fact]
    public void Squared_L2_and_its_reciprocal()
    {
        Input.Sample((v, step) =>
        {
            var p = new double[v.Length];
            var q = new double[v.Length];
            new SquaredL2Norm(1.3).Prox(v, step, p);
            new SquaredL2Norm(1 / 1.3).Prox(Scaled(v, step), 1 / step, q);   // R*(u) = ‖u‖²/(2λ)
            AssertDecomposition(v, p, q, step, "ridge");
        }, iter: 300);
    }

    [Fact]
    public void Elastic_net_and_its_Huber_like_conjugate()
    {
        Gen.Select(Input, Gen.Double[0, 1]).Sample((input, alpha) =>
        {
            var (v, step) = input;
            double lambda = 0.8, a = lambda * alpha, b = lambda * (1 - alpha), s = 1 / step;
            var p = new double[v.Length];
            new ElasticNet(lambda, alpha).Prox(v, step, p);
            // prox of s·Σ(|u| − a)₊²/(2b) at x: x where |x| ≤ a, else sign(x)·(|x|b + s·a)/(b + s) (derived by hand);
            // at α = 1 (b = 0) it is the projection onto [−a, a].
            var q = Scaled(v, step).Select(x => Math.Abs(x) <= a ? x : Math.Sign(x) * (b == 0 ? a : (Math.Abs(x) * b + s * a) / (b + s))).ToArray();
            AssertDecomposition(v, p, q, step, $"elastic net α={alpha}");
        }, iter: 300);
    }
}
