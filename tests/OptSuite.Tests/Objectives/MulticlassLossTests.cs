using OptSuite.Objectives.Functions;
using OptSuite.Objectives.Multiclass;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Objectives;

public class MulticlassLossTests
{
    public static IReadOnlyList<(string Name, IMulticlassLoss Loss)> All { get; } =
    [
        ("MultinomialLogistic", new MultinomialLogisticLoss()),
        ("LabelSmoothing(0.1)", new LabelSmoothingCrossEntropyLoss(0.1)),
        ("Sparsemax", new MulticlassSparsemaxLoss()),
        ("CrammerSinger", new CrammerSingerHingeLoss()),
        ("WestonWatkins", new WestonWatkinsHingeLoss()),
        ("Perceptron", new MulticlassPerceptronLoss()),
    ];

    public static TheoryData<string> Names()
    {
        var d = new TheoryData<string>();
        foreach (var (n, _) in All) d.Add(n);
        return d;
    }

    private static IMulticlassLoss Get(string name) => All.First(e => e.Name == name).Loss;

    [Fact]
    public void Catalog_covers_every_multiclass_loss()
    {
        var types = typeof(IMulticlassLoss).Assembly.GetTypes().Where(t => t.IsValueType && typeof(IMulticlassLoss).IsAssignableFrom(t)).ToList();
        var covered = All.Select(e => e.Loss.GetType()).ToHashSet();
        Assert.NotEmpty(types);
        Assert.Empty(types.Where(t => !covered.Contains(t)).Select(t => t.Name));
    }

    [Theory, MemberData(nameof(Names))]
    public void Gradient_matches_finite_differences(string name)
    {
        var loss = Get(name);
        var rng = new Random(name.Length);
        int checks = 0;
        foreach (int k in new[] { 1, 2, 3, 7, 300 })
            for (int trial = 0; trial < 20; trial++)
            {
                var s = new double[k];
                double scale = trial % 3 == 0 ? 30 : 2;
                for (int i = 0; i < k; i++) s[i] = (rng.NextDouble() - 0.5) * 2 * scale;
                int y = rng.Next(k);
                var g = new double[k];
                double v = loss.ValueAndGradient(y, s, g);
                Assert.Equal(loss.Value(y, s), v, 12);
                Assert.True(double.IsFinite(v) && v >= -1e-12);
                const double h = 1e-6;
                var gp = new double[k];
                for (int i = 0; i < Math.Min(k, 10); i++)
                {
                    double keep = s[i];
                    s[i] = keep + h; double vp = loss.Value(y, s);
                    s[i] = keep + h / 2; double vq = loss.Value(y, s);
                    s[i] = keep - h / 2; double vr = loss.Value(y, s);
                    s[i] = keep - h; double vm = loss.Value(y, s);
                    s[i] = keep;
                    double fd = (vp - vm) / (2 * h), fd2 = (vq - vr) / h;
                    if (Math.Abs(fd - fd2) > 1e-4) continue; // a kink of a piecewise-linear loss lies within h
                    Assert.True(Math.Abs(fd - g[i]) <= 1e-6 * Math.Max(1, Math.Abs(g[i])), $"{name} K={k} i={i}: {g[i]} vs {fd}");
                    checks++;
                }
            }
        Assert.True(checks > 100, $"{checks}");
    }

    [Fact]
    public void Values_match_the_jaxopt_definitions()
    {
        double[] s = [0.5, 2.0, -1.0, 1.6];
        int y = 3;
        Assert.Equal(SimplexFunctions.LogSumExp(s) - s[y], new MultinomialLogisticLoss().Value(y, s), 14);
        Assert.Equal(2.0 + 1.0 - 1.6, new CrammerSingerHingeLoss().Value(y, s), 14);
        Assert.Equal(2.0 - 1.6, new MulticlassPerceptronLoss().Value(y, s), 14);
        Assert.Equal(0 + (1 + 2.0 - 1.6) + 0, new WestonWatkinsHingeLoss().Value(y, s), 14);
        var p = new double[4];
        SimplexFunctions.Sparsemax(s, p);
        double inner = 0, norm = 0;
        for (int i = 0; i < 4; i++) { inner += p[i] * (s[i] - s[y]); norm += p[i] * p[i]; }
        Assert.Equal(inner + 0.5 * (1 - norm), new MulticlassSparsemaxLoss().Value(y, s), 14);
        Assert.Equal(new MultinomialLogisticLoss().Value(1, s), new LabelSmoothingCrossEntropyLoss(0).Value(1, s), 14);
        Assert.Equal(0.0, new MulticlassSparsemaxLoss().Value(0, new double[] { 5, 1, 0 }));
        // Large shared offsets must not cost precision: logsumexp([1e6 + 1, 1e6]) − (1e6 + 1) = log(1 + e^−1).
        double[] big = [1e6 + 1, 1e6];
        var g2 = new double[2];
        Assert.Equal(StableFunctions.Softplus(-1), new MultinomialLogisticLoss().Value(0, big), 15);
        Assert.Equal(StableFunctions.Softplus(-1), new MultinomialLogisticLoss().ValueAndGradient(0, big, g2), 15);
    }

    [Theory, MemberData(nameof(Names))]
    public void Label_out_of_range_throws_naming_label(string name)
    {
        var loss = Get(name);
        loss.ValidateLabel(0, 3); loss.ValidateLabel(2, 3);
        Assert.Equal("label", Assert.Throws<ArgumentException>(() => loss.ValidateLabel(3, 3)).ParamName);
        Assert.Equal("label", Assert.Throws<ArgumentException>(() => loss.ValidateLabel(-1, 3)).ParamName);
    }

    [Fact]
    public void Multilabel_and_soft_target_cross_entropy()
    {
        double[] s = [-800, 0.3, 40, 1e-9];
        double[] t = [0, 1, 1, 0.25];
        var g = new double[4];
        double v = MultilabelSigmoidCrossEntropy.ValueAndGradient(t, s, g);
        double expected = 0 + StableFunctions.Softplus(-0.3) + StableFunctions.Softplus(-40) + (StableFunctions.Softplus(1e-9) - 0.25e-9);
        Assert.Equal(expected, v, 14);
        for (int i = 0; i < 4; i++) Assert.Equal(StableFunctions.Sigmoid(s[i]) - t[i], g[i], 15);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => MultilabelSigmoidCrossEntropy.ValueAndGradient(new double[] { 2 }, new double[1], new double[1])).ParamName);

        double[] q = [0.2, 0.5, 0.3];
        double[] z = [1, -2, 0.5];
        var gz = new double[3];
        double ce = SoftTargetCrossEntropy.ValueAndGradient(q, z, gz);
        var logp = new double[3];
        SimplexFunctions.LogSoftmax(z, logp);
        Assert.Equal(-(0.2 * logp[0] + 0.5 * logp[1] + 0.3 * logp[2]), ce, 14);
        for (int i = 0; i < 3; i++) Assert.Equal(Math.Exp(logp[i]) - q[i], gz[i], 14);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => SoftTargetCrossEntropy.ValueAndGradient(new double[] { 0.5, 0.6 }, new double[2], new double[2])).ParamName);
    }

    [Fact]
    public void Sparsemax_projects_onto_the_simplex()
    {
        var rng = new Random(5);
        foreach (int n in new[] { 1, 2, 5, 300 })
        {
            var s = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
            var p = new double[n];
            double tau = SimplexFunctions.Sparsemax(s, p);
            Assert.Equal(1.0, p.Sum(), 12);
            Assert.All(p, pi => Assert.True(pi >= 0));
            // Optimality of the projection: p_i = max(s_i − τ, 0) with Σp = 1.
            for (int i = 0; i < n; i++) Assert.Equal(Math.Max(s[i] - tau, 0), p[i], 14);
        }
    }

    [Fact]
    public void Multiclass_gradients_do_not_allocate()
    {
        var s = new double[10]; var g = new double[10];
        for (int i = 0; i < 10; i++) s[i] = i * 0.3;
        var a = new MulticlassSparsemaxLoss(); var b = new MultinomialLogisticLoss();
        a.ValueAndGradient(3, s, g); b.ValueAndGradient(3, s, g); a.Value(3, s);
        double v = 0;
        Assert.Equal(0, Allocations.Least(() => v = a.ValueAndGradient(3, s, g) + b.ValueAndGradient(3, s, g) + a.Value(3, s)));
        Assert.True(v > 0);
    }
}
