using OptSuite.Prox;
using OptSuite.Prox.Indicators;

namespace OptSuite.Tests.Prox;

/// <summary>Indicator regularisers with random parameters and samplers of feasible points (including extreme points).</summary>
internal static class SetCatalog
{
    public sealed record Case(string Name, Func<int, Random, IRegularizer> Create, Func<IRegularizer, int, Random, double[]> Feasible);

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static double[] Gaussian(int d, Random rng) => Enumerable.Range(0, d).Select(_ => Normal(rng)).ToArray();

    /// <summary>A normal vector with entries of very different magnitudes and some zeros, never all zero.</summary>
    private static double[] RandomNormal(int d, Random rng)
    {
        var a = Enumerable.Range(0, d).Select(_ => rng.Next(4) switch { 0 => 0.0, 1 => Normal(rng) * Math.Pow(10, rng.Next(-8, 9)), _ => Normal(rng) }).ToArray();
        if (a.All(x => x == 0)) a[rng.Next(d)] = 1;
        return a;
    }

    private static double[] OnHyperplane(ReadOnlySpan<double> unit, double b, int d, Random rng)
    {
        var z = Gaussian(d, rng).Select(x => x * Math.Pow(10, rng.Next(-2, 3))).ToArray();
        int k = 0;
        for (int j = 1; j < d; j++) if (Math.Abs(unit[j]) > Math.Abs(unit[k])) k = j;
        double rest = 0;
        for (int j = 0; j < d; j++) if (j != k) rest += unit[j] * z[j];
        z[k] = (b - rest) / unit[k];
        return z;
    }

    private static double Pick(Random rng, double lo, double hi) => rng.Next(4) switch
    {
        0 when double.IsFinite(lo) => lo,
        1 when double.IsFinite(hi) => hi,
        _ when double.IsFinite(lo) && double.IsFinite(hi) => lo + (hi - lo) * rng.NextDouble(),
        _ when double.IsFinite(lo) => lo + Math.Abs(Normal(rng)),
        _ when double.IsFinite(hi) => hi - Math.Abs(Normal(rng)),
        _ => Normal(rng),
    };

    public static readonly Case[] All =
    [
        new("orthant", (_, _) => new NonNegativeOrthant(), (_, d, rng) => Enumerable.Range(0, d).Select(_ => Pick(rng, 0, double.PositiveInfinity)).ToArray()),
        new("box", (_, _) => new Box(-0.5, 1.5), (_, d, rng) => Enumerable.Range(0, d).Select(_ => Pick(rng, -0.5, 1.5)).ToArray()),
        new("box-vector", (d, _) => new Box(SeparableCatalog.Lowers(d), SeparableCatalog.Uppers(d)),
            (r, d, rng) => Enumerable.Range(0, d).Select(j => Pick(rng, ((Box)r).LowerOf(j), ((Box)r).UpperOf(j))).ToArray()),
        new("linf", (_, rng) => new LInfinityBall(0.1 + 3 * rng.NextDouble()), (r, d, rng) => Enumerable.Range(0, d).Select(_ => Pick(rng, -((LInfinityBall)r).Radius, ((LInfinityBall)r).Radius)).ToArray()),
        new("l2ball", (_, rng) => new L2Ball(Math.Pow(10, rng.Next(-2, 3)) * (0.5 + rng.NextDouble())), (r, d, rng) =>
        {
            var g = Gaussian(d, rng);
            double s = ((L2Ball)r).Radius * (rng.Next(3) == 0 ? 1 : rng.NextDouble()) / ProxReferences.Norm2(g);
            return g.Select(x => x * s).ToArray();
        }),
        new("l1ball", (_, rng) => new L1Ball(Math.Pow(10, rng.Next(-2, 3)) * (0.5 + rng.NextDouble())), (r, d, rng) =>
        {
            double radius = ((L1Ball)r).Radius;
            if (rng.Next(3) == 0) { var e = new double[d]; e[rng.Next(d)] = rng.Next(2) == 0 ? radius : -radius; return e; }
            var g = Gaussian(d, rng);
            double s = radius * rng.NextDouble() / g.Sum(Math.Abs);
            return g.Select(x => x * s).ToArray();
        }),
        new("simplex", (_, _) => Simplex.Probability, SimplexPoint),
        new("simplex-scaled", (_, rng) => new Simplex(Math.Pow(10, rng.Next(-2, 3)) * (0.5 + rng.NextDouble())), SimplexPoint),
        new("hyperplane", (d, rng) => new Hyperplane(RandomNormal(d, rng), Normal(rng) * 3), (r, d, rng) =>
        {
            var h = (Hyperplane)r;
            return OnHyperplane(h.UnitNormal, h.UnitOffset, d, rng);
        }),
        new("halfspace", (d, rng) => new Halfspace(RandomNormal(d, rng), Normal(rng) * 3), (r, d, rng) =>
        {
            var h = (Halfspace)r;
            var z = OnHyperplane(h.UnitNormal, h.UnitOffset, d, rng);
            double back = rng.Next(3) == 0 ? 0 : Math.Abs(Normal(rng)) * 2;
            for (int j = 0; j < d; j++) z[j] -= back * h.UnitNormal[j];
            return z;
        }),
    ];

    private static double[] SimplexPoint(IRegularizer r, int d, Random rng)
    {
        double radius = ((Simplex)r).Radius;
        var z = new double[d];
        if (rng.Next(3) == 0) { z[rng.Next(d)] = radius; return z; }
        for (int j = 0; j < d; j++) z[j] = rng.Next(4) == 0 ? 0 : -Math.Log(1 - rng.NextDouble());
        double s = z.Sum();
        if (s == 0) { z[0] = radius; return z; }
        for (int j = 0; j < d; j++) z[j] *= radius / s;
        return z;
    }

    public static Case Get(string name) => All.Single(c => c.Name == name);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All) data.Add(c.Name);
        return data;
    }
}
