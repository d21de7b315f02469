using OptSuite.Objectives;
using OptSuite.Objectives.Losses;

namespace OptSuite.Tests.Objectives;

/// <summary>
/// What the generic catalogue tests cannot see for <see cref="GammaLoss"/>: it is scikit-learn's half Gamma deviance,
/// its conjugate is the closed form s(log(s/y) − 1) at the maximiser z = log(y/s), and its values stay finite as long as
/// y·e^(−z) is representable (not only while e^(−z) is).
/// </summary>
public class GammaLossTests
{
    private static readonly GammaLoss Loss = default;

    [Fact]
    public void IsHalfTheGammaDevianceUpToATermInTheLabel()
    {
        foreach (double y in new[] { 1e-3, 0.4, 1, 7, 2e4 })
            foreach (double z in new[] { -5, -0.3, 0, 1.2, 9 })
            {
                double mu = Math.Exp(z);
                double halfDeviance = y / mu - Math.Log(y / mu) - 1;
                Assert.Equal(halfDeviance, Loss.Value(y, z) - Math.Log(y) - 1, 1e-11 * Math.Max(1, Math.Abs(halfDeviance)));
            }
        // The minimum over z is at the label's log: ℓ′(y, log y) = 0, ℓ(y, log y) = 1 + log y.
        Assert.Equal(0.0, Loss.Derivative(7, Math.Log(7)), 1e-15);
        Assert.Equal(1 + Math.Log(7), Loss.Value(7, Math.Log(7)), 1e-15);
    }

    [Fact]
    public void ConjugateIsTheClosedFormAtTheMaximiser()
    {
        foreach (double y in new[] { 1e-3, 1, 7 })
            foreach (double u in new[] { -50, -2, -0.5, 0, 0.3, 0.9, 1 - 1e-9 })
            {
                double s = 1 - u, z = Math.Log(y / s);
                Assert.Equal(u, Loss.Derivative(y, z), 1e-12);
                Assert.Equal(u * z - Loss.Value(y, z), Loss.Conjugate(y, u), 1e-12 * Math.Max(1, Math.Abs(u * z)));
            }
        Assert.Equal(0.0, Loss.Conjugate(3, 1));
        Assert.Equal(double.PositiveInfinity, Loss.Conjugate(3, 1 + 1e-12));
        Assert.Equal(new Interval(double.NegativeInfinity, 1), Loss.ConjugateDomain(3));
        // No overflow in s/y for a huge dual and a tiny label.
        Assert.True(double.IsFinite(Loss.Conjugate(1e-300, -1e300)));
    }

    [Fact]
    public void LargeScoresOverflowOnlyWhereTheLossDoes()
    {
        // e^720 overflows, 1e-10·e^720 = e^697 does not.
        double v = Loss.Value(1e-10, -720);
        Assert.True(double.IsFinite(v));
        double expected = Math.Exp(Math.Log(1e-10) + 720);
        Assert.Equal(expected, v + 720, 1e-12 * expected);
        Assert.Equal(expected, Loss.SecondDerivative(1e-10, -720), 1e-12 * expected);
        // A subnormal e^(−z) does not cost a large label its digits.
        Assert.Equal(Math.Exp(Math.Log(1e300) - 740), Loss.SecondDerivative(1e300, 740), 1e-12 * Math.Exp(Math.Log(1e300) - 740));
        // Beyond the range the loss is +∞ (never NaN), and the derivative −∞.
        Assert.Equal(double.PositiveInfinity, Loss.Value(1, -1e308));
        Assert.Equal(double.NegativeInfinity, Loss.Derivative(1, -1e308));
        Assert.Equal(1e308, Loss.Value(1, 1e308));
        Assert.Equal(1.0, Loss.Derivative(1, 1e308));
    }

    [Fact]
    public void DeclaresItsCapabilities()
    {
        Assert.Equal(LabelConvention.Positive, Loss.LabelConvention);
        Assert.True(Loss.IsConvex && Loss.IsTwiceDifferentiable);
        Assert.False(Loss.IsQuadratic);
        Assert.Equal(double.PositiveInfinity, Loss.Smoothness);
        Assert.Equal(DualCoordinateKind.None, Loss.DualStep.Kind);
        Loss.ValidateParameters();
        var e = Assert.Throws<ArgumentException>(() => Loss.ValidateLabel(0));
        Assert.Equal("label", e.ParamName);
        Assert.Contains("Positive label must be finite and > 0, got 0", e.Message);
    }
}
