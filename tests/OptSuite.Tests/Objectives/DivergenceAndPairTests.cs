using OptSuite.Objectives.Divergences;
using OptSuite.Objectives.Pairs;

namespace OptSuite.Tests.Objectives;

public class DivergenceAndPairTests
{
    private delegate double Pairwise(ReadOnlySpan<double> p, ReadOnlySpan<double> q, Span<double> gp, Span<double> gq);

    public static TheoryData<string> Names => new() { "KL", "ReverseKL", "JS", "CauchySchwarz", "Cosine", "CosineLoss" };

    private static Pairwise Get(string name) => name switch
    {
        "KL" => KullbackLeiblerDivergence.ValueAndGradient,
        "ReverseKL" => KullbackLeiblerDivergence.ReverseValueAndGradient,
        "JS" => JensenShannonDivergence.ValueAndGradient,
        "CauchySchwarz" => CauchySchwarzDivergence.ValueAndGradient,
        "Cosine" => CosineSimilarity.ValueAndGradient,
        _ => CosineSimilarity.LossAndGradient,
    };

    private static double[] Distribution(Random rng, int n)
    {
        var p = new double[n];
        for (int i = 0; i < n; i++) p[i] = 0.05 + rng.NextDouble();
        double s = p.Sum();
        for (int i = 0; i < n; i++) p[i] /= s;
        return p;
    }

    [Theory, MemberData(nameof(Names))]
    public void Gradients_match_finite_differences(string name)
    {
        var f = Get(name);
        var rng = new Random(name.Length * 31);
        for (int trial = 0; trial < 10; trial++)
        {
            int n = 1 + trial % 6;
            var p = Distribution(rng, n); var q = Distribution(rng, n);
            var gp = new double[n]; var gq = new double[n];
            double v = f(p, q, gp, gq);
            Assert.True(double.IsFinite(v));
            const double h = 1e-7;
            for (int i = 0; i < n; i++)
            {
                foreach (var (x, g) in new[] { (p, gp), (q, gq) })
                {
                    double keep = x[i];
                    x[i] = keep + h; double vp = f(p, q, Span<double>.Empty, Span<double>.Empty);
                    x[i] = keep - h; double vm = f(p, q, Span<double>.Empty, Span<double>.Empty);
                    x[i] = keep;
                    Assert.True(Math.Abs((vp - vm) / (2 * h) - g[i]) <= 1e-6 * Math.Max(1, Math.Abs(g[i])), $"{name} n={n} i={i}: {g[i]} vs {(vp - vm) / (2 * h)}");
                }
            }
        }
    }

    [Fact]
    public void Known_values_and_edge_cases()
    {
        double[] p = [0.5, 0.5, 0], q = [0.25, 0.25, 0.5];
        Assert.Equal(Math.Log(2), KullbackLeiblerDivergence.ValueAndGradient(p, q, default, default), 14);
        Assert.Equal(double.PositiveInfinity, KullbackLeiblerDivergence.ReverseValueAndGradient(p, q, default, default));
        Assert.Equal(Math.Log(2), JensenShannonDivergence.ValueAndGradient([1, 0], [0, 1], default, default), 14);
        Assert.Equal(0.0, JensenShannonDivergence.ValueAndGradient(q, q, default, default), 14);
        Assert.Equal(0.0, CauchySchwarzDivergence.ValueAndGradient(p, [2, 2, 0], default, default), 14);
        Assert.Equal(double.PositiveInfinity, CauchySchwarzDivergence.ValueAndGradient([1, 0], [0, 1], default, default));
        Assert.Equal(-1.0, CosineSimilarity.ValueAndGradient([1, 2], [-2, -4], default, default), 14);
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => CosineSimilarity.ValueAndGradient([0, 0], [1, 1], default, default)).ParamName);
        Assert.Equal("q", Assert.Throws<ArgumentException>(() => KullbackLeiblerDivergence.ValueAndGradient([1, 0], [1], default, default)).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentException>(() => JensenShannonDivergence.ValueAndGradient([-0.1, 1.1], [0.5, 0.5], default, default)).ParamName);
    }

    [Fact]
    public void Contrastive_loss_value_and_gradient()
    {
        var loss = new ContrastiveLoss(2.0);
        var rng = new Random(9);
        foreach (double y in new[] { 0.0, 1.0 })
            for (int trial = 0; trial < 20; trial++)
            {
                var a = Enumerable.Range(0, 4).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
                var b = Enumerable.Range(0, 4).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
                var g = new double[4];
                double v = loss.ValueAndGradient(y, a, b, g);
                double d = Math.Sqrt(a.Zip(b, (x, z) => (x - z) * (x - z)).Sum());
                Assert.Equal(y * d * d + (1 - y) * Math.Pow(Math.Max(0, 2 - d), 2), v, 12);
                const double h = 1e-7;
                var scratch = new double[4];
                for (int i = 0; i < 4; i++)
                {
                    double keep = a[i];
                    a[i] = keep + h; double vp = loss.ValueAndGradient(y, a, b, scratch);
                    a[i] = keep - h; double vm = loss.ValueAndGradient(y, a, b, scratch);
                    a[i] = keep;
                    Assert.Equal((vp - vm) / (2 * h), g[i], 6);
                }
            }
        Assert.Equal("label", Assert.Throws<ArgumentException>(() => ContrastiveLoss.ValidateLabel(0.5)).ParamName);
        var zero = new double[2];
        Assert.Equal(4.0, loss.ValueAndGradient(0, [1, 1], [1, 1], zero));
        Assert.All(zero, z => Assert.Equal(0.0, z));
    }
}
