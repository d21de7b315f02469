using OptSuite.Objectives;
using OptSuite.Objectives.Losses;

namespace OptSuite.Tests.Objectives;

public class ConjugateTests
{
    public static TheoryData<string> ConvexNames()
    {
        var data = new TheoryData<string>();
        foreach (var (name, loss) in LossCatalog.All) if (loss.IsConvex) data.Add(name);
        return data;
    }

    private static double[] DualPoints(Interval d)
    {
        bool lo = double.IsFinite(d.Lower), hi = double.IsFinite(d.Upper);
        if (lo && hi) return [.. new[] { 0.05, 0.3, 0.5, 0.7, 0.95 }.Select(t => d.Lower + t * (d.Upper - d.Lower))];
        if (lo) return [.. new[] { 0.05, 0.5, 1, 2, 3 }.Select(t => d.Lower + t)];
        if (hi) return [.. new[] { 0.05, 0.5, 1, 2, 3 }.Select(t => d.Upper - t)];
        return [-3, -1, -0.2, 0, 0.4, 1, 3];
    }

    [Theory, MemberData(nameof(ConvexNames))]
    public void Fenchel_Young_equality_at_the_derivative(string name)
    {
        var loss = LossCatalog.Get(name);
        foreach (double y in LossCatalog.LabelsFor(loss))
            foreach (double z in LossCatalog.Scores)
            {
                double v = loss.Value(y, z);
                if (!double.IsFinite(v)) continue;
                double u = loss.Derivative(y, z);
                Assert.True(loss.ConjugateDomain(y).Contains(u), $"{name} y={y} z={z}: ℓ′={u} outside the conjugate domain");
                double c = loss.Conjugate(y, u);
                double gap = v + c - z * u;
                Assert.True(Math.Abs(gap) <= 1e-9 * Math.Max(1.0, Math.Abs(v) + Math.Abs(z * u)), $"{name} y={y} z={z}: gap {gap}");
            }
    }

    [Theory, MemberData(nameof(ConvexNames))]
    public void Fenchel_Young_inequality_and_numerical_sup(string name)
    {
        var loss = LossCatalog.Get(name);
        foreach (double y in LossCatalog.LabelsFor(loss))
        {
            var dom = loss.ConjugateDomain(y);
            foreach (double u in DualPoints(dom))
            {
                double c = loss.Conjugate(y, u);
                Assert.True(double.IsFinite(c), $"{name} y={y} u={u}: conjugate {c} inside its domain");
                double sup = double.NegativeInfinity;
                for (int i = -60000; i <= 60000; i++)
                {
                    double z = i * 1e-3;
                    double g = u * z - loss.Value(y, z);
                    Assert.True(g <= c + 1e-9 * Math.Max(1, Math.Abs(c)), $"{name} y={y} u={u} z={z}: Fenchel–Young violated");
                    if (g > sup) sup = g;
                }
                Assert.True(sup >= c - 1e-4 * Math.Max(1, Math.Abs(c)), $"{name} y={y} u={u}: grid sup {sup} < ℓ* {c}");
            }
            // Outside the domain the conjugate is +∞.
            if (double.IsFinite(dom.Upper)) Assert.Equal(double.PositiveInfinity, loss.Conjugate(y, dom.Upper + 0.1));
            if (double.IsFinite(dom.Lower)) Assert.Equal(double.PositiveInfinity, loss.Conjugate(y, dom.Lower - 0.1));
            // Closed ends are finite (the dual of a bounded-slope loss reaches its ends).
            if (double.IsFinite(dom.Upper)) Assert.True(double.IsFinite(loss.Conjugate(y, dom.Upper)), $"{name}: ℓ* at upper end");
            if (double.IsFinite(dom.Lower)) Assert.True(double.IsFinite(loss.Conjugate(y, dom.Lower)), $"{name}: ℓ* at lower end");
        }
    }

    [Fact]
    public void Tweedie_loss_above_power_two_is_flagged_non_convex_where_the_mean_exceeds_the_bound()
    {
        var loss = new TweedieLoss(3);
        Assert.False(loss.IsConvex);
        Assert.True(new TweedieLoss(2).IsConvex && new TweedieLoss(1.5).IsConvex);
        Assert.Throws<NotSupportedException>(() => loss.Conjugate(2, -0.5));
        // ℓ″ < 0 exactly where e^z > (ρ − 1)y/(ρ − 2) = 2y at ρ = 3.
        const double y = 1.7;
        double bound = Math.Log(2 * y);
        foreach (double dz in new[] { -1.0, -1e-3, 1e-3, 1.0 })
            Assert.Equal(dz > 0, loss.SecondDerivative(y, bound + dz) < 0);
        Assert.Equal(LabelConvention.Positive, loss.LabelConvention);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TweedieLoss(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TweedieLoss(double.PositiveInfinity));
    }

    [Fact]
    public void Focal_loss_is_flagged_non_convex_and_has_no_conjugate()
    {
        var focal = new FocalLoss(2.0);
        Assert.False(focal.IsConvex);
        Assert.Throws<NotSupportedException>(() => focal.Conjugate(1, -0.5));
        // Non-convexity is real: the second derivative goes negative somewhere.
        bool negative = false;
        for (double z = -10; z <= 10; z += 0.01) negative |= focal.SecondDerivative(1, z) < 0;
        Assert.True(negative);
        // γ = 0 is the logistic loss.
        var f0 = new FocalLoss(0);
        var lg = new LogisticLoss();
        foreach (double z in LossCatalog.Scores)
        {
            Assert.Equal(lg.Value(1, z), f0.Value(1, z), 12);
            Assert.Equal(lg.Derivative(-1, z), f0.Derivative(-1, z), 12);
        }
    }
}
