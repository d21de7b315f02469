using OptSuite.Objectives;
using OptSuite.Objectives.Losses;

namespace OptSuite.Tests.Objectives;

/// <summary>
/// <see cref="NullIntercept"/>, the one b₀ = argmin_b Σ a_i ℓ(y_i, b) of every path, against the closed forms it
/// replaced (the weighted mean, the logit of the weighted share of +1 labels) and those of the log-link losses.
/// </summary>
public class NullInterceptTests
{
    private static (double[] Y, double[] Counts, double[] Signs, double[] A) Data(int seed, int n)
    {
        var rng = new Random(seed);
        var y = new double[n]; var counts = new double[n]; var signs = new double[n]; var a = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = 3 + 2 * rng.NextDouble() - 0.7 * i / n;
            counts[i] = rng.Next(0, 7);
            signs[i] = rng.NextDouble() < 0.3 ? 1 : -1;
            a[i] = 0.2 + rng.NextDouble();
        }
        double total = a.Sum();
        for (int i = 0; i < n; i++) a[i] /= total;
        return (y, counts, signs, a);
    }

    private static double Mean(double[] v, double[]? a) => a is null ? v.Average() : v.Select((x, i) => a[i] * x).Sum();

    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 4e-15 * Math.Max(1, Math.Abs(expected)), $"b₀ = {actual:R}, closed form {expected:R}");

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public void MatchesTheClosedForms(int seed, bool weighted)
    {
        var (y, counts, signs, a) = Data(seed, 57);
        double[]? w = weighted ? a : null;
        ReadOnlySpan<double> ws = w;
        Close(Mean(y, w), NullIntercept.Fit(default(SquaredLoss), y, ws));
        double share = Mean(signs.Select(s => s > 0 ? 1.0 : 0.0).ToArray(), w);
        Close(Math.Log(share / (1 - share)), NullIntercept.Fit(default(LogisticLoss), signs, ws));
        double count = Mean(counts, w);
        Close(Math.Log(count), NullIntercept.Fit(default(PoissonLoss), counts, ws));
        // Every Tweedie deviance with log link has the same null model: e^{b₀} = the weighted mean.
        Close(Math.Log(count), NullIntercept.Fit(new TweedieLoss(1.5), counts, ws));
    }

    [Fact]
    public void ScaleOfTheWeightsDoesNotMatterAndHuberIsTheWeightedMedianForLargeDelta()
    {
        var (y, _, _, a) = Data(4, 40);
        double[] scaled = a.Select(v => 1000 * v).ToArray();
        Close(NullIntercept.Fit(default(SquaredLoss), y, a), NullIntercept.Fit(default(SquaredLoss), y, scaled));
        // δ above every residual: Huber is the squared loss there, so b₀ is the weighted mean (no closed form in general).
        Assert.Equal(Mean(y, a), NullIntercept.Fit(new HuberLoss(100), y, a), 1e-12);
    }

    [Fact]
    public void ConstantLabelsGiveExactlyThatLabel()
    {
        // λ_max of a path with constant y must be exactly 0: b₀ = y, not y up to rounding.
        var y = Enumerable.Repeat(2.0, 67).ToArray();
        var (_, _, _, a) = Data(5, 67);
        Assert.Equal(2.0, NullIntercept.Fit(default(SquaredLoss), y, default));
        Assert.Equal(2.0, NullIntercept.Fit(default(SquaredLoss), y, a));
    }

    [Fact]
    public void NoMinimiserIsReported()
    {
        var ones = Enumerable.Repeat(1.0, 20).ToArray();
        Assert.Contains("no minimiser", Assert.Throws<InvalidOperationException>(() => NullIntercept.Fit(default(LogisticLoss), ones, default)).Message);
        var zeros = new double[20];
        Assert.Contains("no minimiser", Assert.Throws<InvalidOperationException>(() => NullIntercept.Fit(default(PoissonLoss), zeros, default)).Message);
        // A class with zero weight is absent.
        var signs = Enumerable.Range(0, 20).Select(i => i < 5 ? -1.0 : 1.0).ToArray();
        var a = Enumerable.Range(0, 20).Select(i => i < 5 ? 0.0 : 1.0).ToArray();
        Assert.Throws<InvalidOperationException>(() => NullIntercept.Fit(default(LogisticLoss), signs, a));
    }
}
