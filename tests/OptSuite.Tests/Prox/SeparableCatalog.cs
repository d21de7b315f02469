using OptSuite.Prox;
using OptSuite.Prox.Indicators;
using OptSuite.Prox.Regularizers;

namespace OptSuite.Tests.Prox;

/// <summary>
/// Every separable regulariser in a few parameterisations, built for a given dimension (weighted ones need it), with
/// each coordinate's domain and the largest per-coordinate parameter (for tolerances).
/// </summary>
internal static class SeparableCatalog
{
    public sealed record Case(string Name, Func<int, ISeparableRegularizer> Create, Func<ISeparableRegularizer, int, (double Lo, double Hi)> Domain, double Scale);

    private static readonly (double, double) Line = (double.NegativeInfinity, double.PositiveInfinity);
    private static readonly (double, double) HalfLine = (0, double.PositiveInfinity);

    /// <summary>Weights with zeros (unpenalised coordinates) and ties.</summary>
    public static double[] Weights(int d) => Enumerable.Range(0, d).Select(j => j % 4 == 0 ? 0.0 : 0.5 + j % 3).ToArray();

    public static double[] Lowers(int d) => Enumerable.Range(0, d).Select(j => (j % 5) switch { 0 => double.NegativeInfinity, 1 => -1.0, 2 => 0.5, 3 => 0.0, _ => -2.0 }).ToArray();

    public static double[] Uppers(int d) => Enumerable.Range(0, d).Select(j => (j % 5) switch { 0 => 1.0, 1 => double.PositiveInfinity, 2 => 0.5, 3 => 3.0, _ => -1.0 }).ToArray();

    /// <summary>Bounds around 0 (glmnet's rule): none, both, one side, and a side at 0.</summary>
    public static double[] LowersAroundZero(int d) => Enumerable.Range(0, d).Select(j => (j % 4) switch { 0 => double.NegativeInfinity, 1 => -1.0, 2 => 0.0, _ => -0.5 }).ToArray();

    public static double[] UppersAroundZero(int d) => Enumerable.Range(0, d).Select(j => (j % 4) switch { 0 => 2.0, 1 => double.PositiveInfinity, 2 => double.PositiveInfinity, _ => 0.0 }).ToArray();

    private static (double, double) BoundsOf(ISeparableRegularizer r, int j) => (((BoundedElasticNet)r).LowerOf(j), ((BoundedElasticNet)r).UpperOf(j));

    public static readonly Case[] All =
    [
        new("zero", _ => new ZeroRegularizer(), (_, _) => Line, 1),
        new("l1", _ => new L1Norm(0.7), (_, _) => Line, 0.7),
        new("l1-lambda0", _ => new L1Norm(0), (_, _) => Line, 1),
        new("l1-weighted", d => new L1Norm(0.7, Weights(d)), (_, _) => Line, 2.5 * 0.7),
        new("nn-l1", _ => new NonNegativeL1Norm(0.7), (_, _) => HalfLine, 0.7),
        new("nn-l1-weighted", d => new NonNegativeL1Norm(0.7, Weights(d)), (_, _) => HalfLine, 2.5 * 0.7),
        new("ridge", _ => new SquaredL2Norm(1.3), (_, _) => Line, 1.3),
        new("ridge-lambda0", _ => new SquaredL2Norm(0), (_, _) => Line, 1),
        new("enet", _ => new ElasticNet(0.8, 0.5), (_, _) => Line, 0.8),
        new("enet-alpha1", _ => new ElasticNet(0.8, 1), (_, _) => Line, 0.8),
        new("enet-alpha0", _ => new ElasticNet(0.8, 0), (_, _) => Line, 0.8),
        new("enet-weighted", d => new ElasticNet(0.8, 0.3, Weights(d)), (_, _) => Line, 2.5 * 0.8),
        new("nn-enet", _ => new NonNegativeElasticNet(0.8, 0.5), (_, _) => HalfLine, 0.8),
        new("nn-enet-alpha1", _ => new NonNegativeElasticNet(0.8, 1), (_, _) => HalfLine, 0.8),
        new("nn-enet-weighted", d => new NonNegativeElasticNet(0.8, 0.3, Weights(d)), (_, _) => HalfLine, 2.5 * 0.8),
        new("bounded-enet", d => new BoundedElasticNet(0.8, 0.5, Weights(d), LowersAroundZero(d), UppersAroundZero(d)), BoundsOf, 2.5 * 0.8),
        new("bounded-l1", d => new BoundedElasticNet(0.7, 1, Weights(d), LowersAroundZero(d), UppersAroundZero(d)), BoundsOf, 2.5 * 0.7),
        new("bounded-ridge", d => new BoundedElasticNet(1.3, 0, Enumerable.Repeat(1.0, d).ToArray(), LowersAroundZero(d), UppersAroundZero(d)), BoundsOf, 2.5),
        new("orthant", _ => new NonNegativeOrthant(), (_, _) => HalfLine, 1),
        new("box", _ => new Box(-0.5, 1.5), (_, _) => (-0.5, 1.5), 1.5),
        new("box-halfline", _ => new Box(double.NegativeInfinity, 2), (_, _) => (double.NegativeInfinity, 2), 2),
        new("box-vector", d => new Box(Lowers(d), Uppers(d)), (r, j) => (((Box)r).LowerOf(j), ((Box)r).UpperOf(j)), 3),
        new("linf", _ => new LInfinityBall(0.9), (_, _) => (-0.9, 0.9), 0.9),
    ];

    public static Case Get(string name) => All.Single(c => c.Name == name);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All) data.Add(c.Name);
        return data;
    }
}
