using System.Reflection;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;

namespace OptSuite.Tests.Objectives;

public class PointwiseLossTests
{
    public static TheoryData<string> Names => LossCatalog.Names();

    [Fact]
    public void Catalog_covers_every_ILoss_type()
    {
        var types = typeof(ILoss).Assembly.GetTypes()
            .Where(t => t.IsValueType && typeof(ILoss).IsAssignableFrom(t)).ToList();
        Assert.NotEmpty(types);
        var covered = LossCatalog.All.Select(e => e.Loss.GetType()).ToHashSet();
        var missing = types.Where(t => !covered.Contains(t)).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, "Missing from LossCatalog: " + string.Join(", ", missing));
    }

    private static bool Smooth(Func<double, double> f, double z, double h, out double central)
    {
        double fp = f(z + h), f0 = f(z), fm = f(z - h);
        central = (fp - fm) / (2 * h);
        if (!double.IsFinite(fp) || !double.IsFinite(fm) || !double.IsFinite(f0)) return false;
        double fwd = (fp - f0) / h, bwd = (f0 - fm) / h;
        // A kink inside [z − h, z + h] shows up as a mismatch between one-sided differences: skip those points.
        double half = (f(z + h / 2) - f(z - h / 2)) / h;
        // A kink or jump inside [z − h, z + h] shows up as a mismatch between one-sided differences, or between
        // central differences of two step sizes (a jump at z scales like 1/h): skip those points.
        return Math.Abs(fwd - bwd) <= 1e-3 * Math.Max(1.0, Math.Abs(fwd) + Math.Abs(bwd))
            && Math.Abs(central - half) <= 1e-3 * Math.Max(1.0, Math.Abs(central) + Math.Abs(half));
    }

    [Theory, MemberData(nameof(Names))]
    public void Derivative_matches_central_differences(string name)
    {
        var loss = LossCatalog.Get(name);
        int checkedPoints = 0;
        foreach (double y in LossCatalog.LabelsFor(loss))
            foreach (double z in LossCatalog.Scores)
            {
                double h = 1e-6 * Math.Max(1.0, Math.Abs(z));
                if (!Smooth(s => loss.Value(y, s), z, h, out double fd)) continue;
                double d = loss.Derivative(y, z);
                Assert.True(Math.Abs(fd - d) <= 1e-6 * Math.Max(1.0, Math.Abs(d)), $"{name} y={y} z={z}: ℓ′={d}, FD={fd}");
                checkedPoints++;
            }
        Assert.True(checkedPoints >= 20, $"{name}: only {checkedPoints} points checked");
    }

    [Theory, MemberData(nameof(Names))]
    public void SecondDerivative_matches_central_differences(string name)
    {
        var loss = LossCatalog.Get(name);
        int checkedPoints = 0;
        foreach (double y in LossCatalog.LabelsFor(loss))
            foreach (double z in LossCatalog.Scores)
            {
                double h = 1e-5 * Math.Max(1.0, Math.Abs(z));
                if (!double.IsFinite(loss.Value(y, z + h)) || !double.IsFinite(loss.Value(y, z - h))) continue;
                if (!Smooth(s => loss.Derivative(y, s), z, h, out double fd)) continue;
                double d2 = loss.SecondDerivative(y, z);
                Assert.True(Math.Abs(fd - d2) <= 1e-5 * Math.Max(1.0, Math.Abs(d2)), $"{name} y={y} z={z}: ℓ″={d2}, FD={fd}");
                Assert.True(d2 >= 0 || !loss.IsConvex, $"{name}: negative curvature {d2} for a convex loss");
                checkedPoints++;
            }
        Assert.True(checkedPoints >= 15, $"{name}: only {checkedPoints} points checked");
    }

    [Theory, MemberData(nameof(Names))]
    public void Smoothness_bounds_the_second_derivative(string name)
    {
        var loss = LossCatalog.Get(name);
        foreach (double y in LossCatalog.LabelsFor(loss))
            for (double z = -8; z <= 8; z += 0.01)
                Assert.True(Math.Abs(loss.SecondDerivative(y, z)) <= loss.Smoothness * (1 + 1e-12), $"{name} y={y} z={z}");
    }

    [Theory, MemberData(nameof(Names))]
    public void No_NaN_for_finite_inputs(string name)
    {
        var loss = LossCatalog.Get(name);
        double[] extreme = [-1e308, -1e300, -800, -709, 709, 800, 1e300, 1e308, .. LossCatalog.Scores];
        foreach (double y in LossCatalog.LabelsFor(loss))
            foreach (double z in extreme)
            {
                double v = loss.Value(y, z), d = loss.Derivative(y, z), d2 = loss.SecondDerivative(y, z);
                Assert.False(double.IsNaN(v) || double.IsNaN(d) || double.IsNaN(d2), $"{name} y={y} z={z}: {v} {d} {d2}");
                Assert.True(v >= 0 || loss is PoissonLoss or TweedieLoss or GammaLoss, $"{name} y={y} z={z}: negative value {v}");
                if (double.IsFinite(v)) Assert.True(double.IsFinite(d), $"{name} y={y} z={z}: finite loss, derivative {d}");
            }
    }

    [Fact]
    public void Logistic_is_stable_at_extremes_and_precise_near_zero()
    {
        var l = new LogisticLoss();
        Assert.Equal(1e308, l.Value(1, -1e308));
        Assert.Equal(0.0, l.Value(1, 1e308));
        Assert.Equal(-1.0, l.Derivative(1, -1e308));
        Assert.Equal(Math.Exp(-40), l.Value(1, 40), 1e-30);
        Assert.True(Math.Abs(l.Value(1, 40) / Math.Exp(-40) - 1) < 1e-14);
        Assert.Equal(Math.Log(2) - 0.5e-8, l.Value(1, 1e-8), 15);
        Assert.Equal(-0.5 + 0.25e-8, l.Derivative(1, 1e-8), 15);
        Assert.Equal(l.Value(-1, 3.0), l.Value(0, 3.0));
    }
}
