using OptSuite.Objectives.Survival;

namespace OptSuite.Tests.Objectives;

/// <summary>
/// <see cref="CoxPartialLikelihood"/>: gradient and Hessian diagonal against central finite differences (Breslow and
/// Efron, tied times, weights, censored ties, large predictors), a hand-computed value, invariance to a shift of η, and
/// bad input named by argument.
/// </summary>
public class CoxPartialLikelihoodTests
{
    private static (double[] Time, int[] Status, double[] Weight, double[] Eta) Sample(int n, int seed, double scale = 1)
    {
        var rng = new Random(seed);
        var time = new double[n];
        var status = new int[n];
        var weight = new double[n];
        var eta = new double[n];
        for (int i = 0; i < n; i++)
        {
            time[i] = 1 + rng.Next(8);            // eight distinct times: many ties, of events and of censorings
            status[i] = rng.NextDouble() < 0.6 ? 1 : 0;
            weight[i] = 0.25 + 2 * rng.NextDouble();
            eta[i] = scale * (2 * rng.NextDouble() - 1);
        }
        status[0] = 1;
        weight[1] = 0;                            // a zero weight
        return (time, status, weight, eta);
    }

    public static TheoryData<CoxTies, bool, double> Cases() => new()
    {
        { CoxTies.Breslow, false, 1 }, { CoxTies.Breslow, true, 1 }, { CoxTies.Efron, false, 1 }, { CoxTies.Efron, true, 1 },
        { CoxTies.Breslow, true, 300 }, { CoxTies.Efron, true, 300 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientAndHessianDiagonalAreFiniteDifferencesOfTheValue(CoxTies ties, bool weighted, double scale)
    {
        var (time, status, weight, eta) = Sample(40, 3, scale);
        var f = new CoxPartialLikelihood(time, status, weighted ? weight : default, ties);
        Assert.True(f.HasTiedEvents);
        var g = new double[40];
        var h = new double[40];
        double v = f.ValueGradientHessianDiagonal(eta, g, h);
        Assert.True(double.IsFinite(v));
        Assert.Equal(v, f.Value(eta), 1e-14 * Math.Abs(v));
        var g2 = new double[40];
        var gp = new double[40];
        var gm = new double[40];
        double step = 1e-5 * Math.Max(1, scale / 100);
        for (int i = 0; i < eta.Length; i++)
        {
            var e = (double[])eta.Clone();
            e[i] = eta[i] + step;
            double up = f.ValueAndGradient(e, gp);
            e[i] = eta[i] - step;
            double down = f.ValueAndGradient(e, gm);
            Assert.Equal((up - down) / (2 * step), g[i], 1e-8);
            Assert.Equal((gp[i] - gm[i]) / (2 * step), h[i], 1e-7);
            Assert.True(h[i] >= 0);
        }
        f.ValueAndGradient(eta, g2);
        Assert.Equal(g, g2);
    }

    [Fact]
    public void ValueIsTheBreslowAndEfronFormulaOnASmallExample()
    {
        // Times 1, 2, 2, 3; events at 1, 2, 2 (the 3 censored); η = (0.1, 0.2, −0.3, 0.4), unit weights.
        double[] time = [1, 2, 2, 3], eta = [0.1, 0.2, -0.3, 0.4];
        int[] status = [1, 1, 1, 0];
        double e(int i) => Math.Exp(eta[i]);
        double s1 = e(0) + e(1) + e(2) + e(3), s2 = e(1) + e(2) + e(3), tied = e(1) + e(2);
        double lin = eta[0] + eta[1] + eta[2];
        double breslow = -(lin - Math.Log(s1) - 2 * Math.Log(s2)) / 4;
        double efron = -(lin - Math.Log(s1) - Math.Log(s2) - Math.Log(s2 - 0.5 * tied)) / 4;
        Assert.Equal(breslow, new CoxPartialLikelihood(time, status).Value(eta), 1e-15);
        Assert.Equal(efron, new CoxPartialLikelihood(time, status, default, CoxTies.Efron).Value(eta), 1e-15);
        Assert.Equal(-4 * breslow, new CoxPartialLikelihood(time, status).LogLikelihood(eta), 1e-14);
    }

    [Theory]
    [InlineData(CoxTies.Breslow)]
    [InlineData(CoxTies.Efron)]
    public void AShiftOfEveryPredictorChangesNothing(CoxTies ties)
    {
        var (time, status, weight, eta) = Sample(30, 5);
        var f = new CoxPartialLikelihood(time, status, weight, ties);
        var shifted = eta.Select(v => v + 700).ToArray();   // e^{η} alone would overflow
        var g = new double[30];
        var gs = new double[30];
        double v = f.ValueAndGradient(eta, g), vs = f.ValueAndGradient(shifted, gs);
        Assert.Equal(v, vs, 1e-10);
        for (int i = 0; i < 30; i++) Assert.Equal(g[i], gs[i], 1e-12);
    }

    [Fact]
    public void TheCallersArraysAreCopied()
    {
        double[] time = [3, 1, 2], w = [1, 2, 3];
        int[] status = [1, 0, 1];
        var f = new CoxPartialLikelihood(time, status, w);
        Assert.Equal([3.0, 1, 2], time);
        Assert.Equal([1, 0, 1], status);
        double before = f.Value(new double[3]);
        time[0] = 100;
        w[0] = 50;
        Assert.Equal(before, f.Value(new double[3]));
    }

    [Fact]
    public void BadInputIsRefusedNamingTheArgument()
    {
        Assert.Equal("time", Assert.Throws<ArgumentException>(() => new CoxPartialLikelihood([1, 0], [1, 1])).ParamName);
        Assert.Equal("time", Assert.Throws<ArgumentException>(() => new CoxPartialLikelihood([1, -2], [1, 1])).ParamName);
        Assert.Equal("time", Assert.Throws<ArgumentException>(() => new CoxPartialLikelihood([1, double.NaN], [1, 1])).ParamName);
        Assert.Equal("time", Assert.Throws<ArgumentException>(() => new CoxPartialLikelihood([1, double.PositiveInfinity], [1, 1])).ParamName);
        Assert.Equal("status", Assert.Throws<ArgumentException>(() => new CoxPartialLikelihood([1, 2], [1, 2])).ParamName);
        Assert.Equal("status", Assert.Throws<ArgumentException>(() => new CoxPartialLikelihood([1, 2], [0, 0])).ParamName);
        Assert.Equal("status", Assert.Throws<ArgumentException>(() => new CoxPartialLikelihood([1, 2], [1])).ParamName);
        Assert.Equal("sampleWeight", Assert.Throws<ArgumentException>(() => new CoxPartialLikelihood([1, 2], [1, 0], [-1, 1])).ParamName);
        Assert.Equal("status", Assert.Throws<ArgumentException>(() => new CoxPartialLikelihood([1, 2], [1, 0], [0, 1])).ParamName);   // the only event has weight 0
        Assert.Equal("time", Assert.Throws<ArgumentException>(() => new CoxPartialLikelihood([], [])).ParamName);
        var f = new CoxPartialLikelihood([1, 2], [1, 0]);
        Assert.Equal("eta", Assert.Throws<ArgumentException>(() => f.Value(new double[3])).ParamName);
    }
}
