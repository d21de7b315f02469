using OptSuite.Objectives.Sequences;

namespace OptSuite.Tests.Objectives;

public class CtcLossTests
{
    private static double[] RandomLogProbs(int t, int k, int seed, bool normalise)
    {
        var rng = new Random(seed);
        var x = new double[t * k];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextDouble() * 4 - 2;
        if (normalise)
            for (int r = 0; r < t; r++)
            {
                double m = double.NegativeInfinity, s = 0;
                for (int c = 0; c < k; c++) m = Math.Max(m, x[r * k + c]);
                for (int c = 0; c < k; c++) s += Math.Exp(x[r * k + c] - m);
                for (int c = 0; c < k; c++) x[r * k + c] -= m + Math.Log(s);
            }
        return x;
    }

    private static double BruteForce(double[] x, int t, int k, int[] labels, int blank)
    {
        double total = 0;
        var path = new int[t];
        int count = (int)Math.Pow(k, t);
        for (int code = 0; code < count; code++)
        {
            int c = code;
            for (int i = 0; i < t; i++) { path[i] = c % k; c /= k; }
            var collapsed = new List<int>();
            for (int i = 0; i < t; i++)
                if (path[i] != blank && (i == 0 || path[i] != path[i - 1])) collapsed.Add(path[i]);
            if (!collapsed.SequenceEqual(labels)) continue;
            double lp = 0;
            for (int i = 0; i < t; i++) lp += x[i * k + path[i]];
            total += Math.Exp(lp);
        }
        return total == 0 ? double.PositiveInfinity : -Math.Log(total);
    }

    public static TheoryData<int, int, int[], int> Cases => new()
    {
        { 1, 3, new int[0], 0 },
        { 3, 3, new[] { 1 }, 0 },
        { 4, 3, new[] { 1, 2 }, 0 },
        { 4, 3, new[] { 1, 1 }, 0 },
        { 5, 3, new[] { 2, 1, 2 }, 0 },
        { 5, 4, new[] { 0, 0 }, 3 },
        { 6, 3, new[] { 1, 1, 1 }, 0 },
        { 3, 3, new[] { 1, 1 }, 0 },
        { 2, 3, new[] { 1, 1 }, 0 },
        { 2, 4, new[] { 1, 2, 3 }, 0 },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Value_matches_brute_force_sum_over_alignments(int t, int k, int[] labels, int blank)
    {
        foreach (bool normalise in new[] { true, false })
        {
            var x = RandomLogProbs(t, k, 100 * t + k, normalise);
            var g = new double[t * k];
            double v = CtcLoss.ValueAndGradient(x, t, k, labels, blank, g);
            double expected = BruteForce(x, t, k, labels, blank);
            if (double.IsPositiveInfinity(expected))
            {
                Assert.Equal(double.PositiveInfinity, v);
                Assert.All(g, gi => Assert.Equal(0.0, gi));
            }
            else
            {
                Assert.Equal(expected, v, 1e-10);
                Assert.All(g, gi => Assert.False(double.IsNaN(gi)));
            }
        }
    }

    [Theory, MemberData(nameof(Cases))]
    public void Gradient_matches_finite_differences(int t, int k, int[] labels, int blank)
    {
        var x = RandomLogProbs(t, k, 7 * t + k, normalise: true);
        var g = new double[t * k];
        double v = CtcLoss.ValueAndGradient(x, t, k, labels, blank, g);
        if (double.IsPositiveInfinity(v)) return; // covered by the brute-force test (zero gradient)
        const double h = 1e-6;
        for (int i = 0; i < x.Length; i++)
        {
            double keep = x[i];
            x[i] = keep + h; double vp = CtcLoss.ValueAndGradient(x, t, k, labels, blank, Span<double>.Empty);
            x[i] = keep - h; double vm = CtcLoss.ValueAndGradient(x, t, k, labels, blank, Span<double>.Empty);
            x[i] = keep;
            Assert.Equal((vp - vm) / (2 * h), g[i], 1e-7);
        }
    }

    [Fact]
    public void Infeasible_label_gives_infinity_and_zero_gradient()
    {
        var x = RandomLogProbs(3, 3, 1, true);
        var g = new double[9];
        g.AsSpan().Fill(5);
        Assert.Equal(double.PositiveInfinity, CtcLoss.ValueAndGradient(x, 3, 3, new[] { 1, 1, 2 }, 0, g)); // needs 4 frames
        Assert.All(g, gi => Assert.Equal(0.0, gi));
    }

    [Fact]
    public void Long_sequences_do_not_underflow()
    {
        int t = 2000, k = 5;
        var x = RandomLogProbs(t, k, 3, true);
        var labels = Enumerable.Range(0, 300).Select(i => 1 + i % 4).ToArray();
        var g = new double[t * k];
        double v = CtcLoss.ValueAndGradient(x, t, k, labels, 0, g);
        Assert.True(double.IsFinite(v) && v > 745, $"loss {v}"); // p far below double's smallest subnormal
        Assert.All(g, gi => Assert.True(double.IsFinite(gi)));
        // For normalised rows each frame's occupation probabilities sum to 1: Σ_k ∂/∂x_{t,k} = −1.
        for (int r = 0; r < t; r += 97)
            Assert.Equal(-1.0, g.AsSpan(r * k, k).ToArray().Sum(), 1e-9);
    }

    [Fact]
    public void Invalid_inputs_throw()
    {
        var x = new double[6];
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => CtcLoss.ValueAndGradient(x, 2, 3, new[] { 0 }, 0, Span<double>.Empty)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => CtcLoss.ValueAndGradient(x, 2, 3, new[] { 3 }, 0, Span<double>.Empty)).ParamName);
        Assert.Equal("logProbabilities", Assert.Throws<ArgumentException>(() => CtcLoss.ValueAndGradient(x, 3, 3, new[] { 1 }, 0, Span<double>.Empty)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => CtcLoss.ValueAndGradient(x, 2, 3, new[] { 1 }, 3, Span<double>.Empty));
    }
}
