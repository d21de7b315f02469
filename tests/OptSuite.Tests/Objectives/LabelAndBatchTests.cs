using OptSuite.Objectives.Losses;
using OptSuite.Objectives;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Objectives;

public class LabelAndBatchTests
{
    public static TheoryData<string> Names => LossCatalog.Names();

    public static double[] BadLabels(LabelConvention c) => c switch
    {
        LabelConvention.Binary => [0.5, 2, -2, double.NaN, double.PositiveInfinity],
        LabelConvention.Count => [-1, -1e-12, double.NaN, double.PositiveInfinity],
        LabelConvention.Positive => [0.0, -0.0, -1, -1e-12, double.NaN, double.PositiveInfinity],
        _ => [double.NaN, double.PositiveInfinity, double.NegativeInfinity],
    };

    [Theory, MemberData(nameof(Names))]
    public void Labels_outside_the_convention_throw_naming_the_parameter(string name)
    {
        var loss = LossCatalog.Get(name);
        foreach (double y in LossCatalog.LabelsFor(loss)) loss.ValidateLabel(y);
        foreach (double bad in BadLabels(loss.LabelConvention))
        {
            var ex = Assert.Throws<ArgumentException>(() => loss.ValidateLabel(bad));
            Assert.Equal("label", ex.ParamName);
        }
    }

    [Theory, MemberData(nameof(Names))]
    public void Binary_losses_treat_zero_as_minus_one(string name)
    {
        var loss = LossCatalog.Get(name);
        if (loss.LabelConvention != LabelConvention.Binary) return;
        foreach (double z in LossCatalog.Scores)
        {
            Assert.Equal(loss.Value(-1, z), loss.Value(0, z));
            Assert.Equal(loss.Derivative(-1, z), loss.Derivative(0, z));
            Assert.Equal(loss.SecondDerivative(-1, z), loss.SecondDerivative(0, z));
        }
        Assert.Equal(loss.ConjugateDomain(-1), loss.ConjugateDomain(0));
    }

    private static (double[] y, double[] z, double[] c) Data(ILoss loss, int n, int seed)
    {
        var rng = new Random(seed);
        var labels = LossCatalog.LabelsFor(loss);
        var y = new double[n]; var z = new double[n]; var c = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = labels[rng.Next(labels.Length)];
            z[i] = i % 17 == 0 ? (rng.NextDouble() - 0.5) * 2e3 : (rng.NextDouble() - 0.5) * 8;
            if (loss is PoissonLoss or ExponentialLoss or TweedieLoss or GammaLoss) z[i] = Math.Clamp(z[i], -20, 20);
            c[i] = rng.NextDouble() * 2;
        }
        return (y, z, c);
    }

    [Theory, MemberData(nameof(Names))]
    public void Batch_matches_scalar_evaluation(string name)
    {
        var loss = LossCatalog.Get(name);
        foreach (int n in new[] { 0, 1, 3, 37, 1000 })
        {
            var (y, z, c) = Data(loss, n, n + 11);
            double s = 0, sw = 0;
            var d = new double[n]; var dw = new double[n];
            double total = Dispatch(loss, y, z, null, d), totalW = Dispatch(loss, y, z, c, dw);
            for (int i = 0; i < n; i++)
            {
                s += loss.Value(y[i], z[i]);
                sw += c[i] * loss.Value(y[i], z[i]);
                Assert.Equal(loss.Derivative(y[i], z[i]), d[i], 1e-12);
                Assert.Equal(c[i] * loss.Derivative(y[i], z[i]), dw[i], 1e-12);
            }
            Assert.True(Math.Abs(total - s) <= 1e-12 * Math.Max(1, Math.Abs(s)), $"{name} n={n}: {total} vs {s}");
            Assert.True(Math.Abs(totalW - sw) <= 1e-12 * Math.Max(1, Math.Abs(sw)), $"{name} n={n}: {totalW} vs {sw}");
        }
    }

    // Calls the generic helper with the concrete struct so the vectorised paths are exercised.
    private static double Dispatch(ILoss loss, double[] y, double[] z, double[]? c, double[] d) => loss switch
    {
        SquaredLoss l => Call(l, y, z, c, d),
        LogisticLoss l => Call(l, y, z, c, d),
        HingeLoss l => Call(l, y, z, c, d),
        HuberLoss l => Call(l, y, z, c, d),
        PoissonLoss l => Call(l, y, z, c, d),
        GammaLoss l => Call(l, y, z, c, d),
        _ => CallBoxed(loss, y, z, c, d),
    };

    private static double Call<T>(T l, double[] y, double[] z, double[]? c, double[] d) where T : struct, ILoss
    {
        double s = c is null ? LossBatch.Sum(l, y, z) : LossBatch.Sum(l, y, z, c);
        double t = c is null ? LossBatch.ValueAndDerivative(l, y, z, d) : LossBatch.ValueAndDerivative(l, y, z, c, d);
        Assert.Equal(s, t, 12);
        return t;
    }

    private static double CallBoxed(ILoss loss, double[] y, double[] z, double[]? c, double[] d)
    {
        double s = 0;
        for (int i = 0; i < y.Length; i++) { double w = c?[i] ?? 1; s += w * loss.Value(y[i], z[i]); d[i] = w * loss.Derivative(y[i], z[i]); }
        return s;
    }

    [Fact]
    public void Batch_rejects_mismatched_lengths()
    {
        var l = new SquaredLoss();
        Assert.Equal("scores", Assert.Throws<ArgumentException>(() => LossBatch.Sum(l, new double[3], new double[2])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => LossBatch.Sum(l, new double[3], new double[3], new double[4])).ParamName);
        Assert.Equal("derivatives", Assert.Throws<ArgumentException>(() => LossBatch.ValueAndDerivative(l, new double[3], new double[3], new double[2])).ParamName);
    }

    [Fact]
    public void Batch_does_not_allocate()
    {
        var y = new double[1024]; var z = new double[1024]; var d = new double[1024];
        for (int i = 0; i < y.Length; i++) { y[i] = i % 2; z[i] = i * 0.01 - 5; }
        var lg = new LogisticLoss(); var hu = new HuberLoss(1);
        LossBatch.ValueAndDerivative(lg, y, z, d); LossBatch.ValueAndDerivative(hu, y, z, d);
        double s = 0;
        Assert.Equal(0, Allocations.Least(() => s = LossBatch.ValueAndDerivative(lg, y, z, d) + LossBatch.ValueAndDerivative(hu, y, z, d)));
        Assert.True(s > 0);
    }
}
