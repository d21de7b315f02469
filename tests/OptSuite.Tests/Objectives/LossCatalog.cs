using OptSuite.Objectives;
using OptSuite.Objectives.Losses;

namespace OptSuite.Tests.Objectives;

/// <summary>Every pointwise loss under test, boxed, with a readable name.</summary>
public static class LossCatalog
{
    public static IReadOnlyList<(string Name, ILoss Loss)> All { get; } =
    [
        ("Squared", new SquaredLoss()),
        ("Absolute", new AbsoluteLoss()),
        ("Huber(0.7)", new HuberLoss(0.7)),
        ("SmoothL1(0.5)", new SmoothL1Loss(0.5)),
        ("LogCosh", new LogCoshLoss()),
        ("Poisson", new PoissonLoss()),
        ("Tweedie(1.5)", new TweedieLoss(1.5)),
        ("Tweedie(1)", new TweedieLoss(1)),
        ("Tweedie(2)", new TweedieLoss(2)),
        ("Tweedie(3)", new TweedieLoss(3)),
        ("Gamma", new GammaLoss()),
        ("Quantile(0.3)", new QuantileLoss(0.3)),
        ("AsymmetricAbsolute(2.5)", new AsymmetricAbsoluteLoss(2.5)),
        ("EpsilonInsensitive(0.4)", new EpsilonInsensitiveLoss(0.4)),
        ("SquaredEpsilonInsensitive(0.4)", new SquaredEpsilonInsensitiveLoss(0.4)),
        ("Logistic", new LogisticLoss()),
        ("Hinge", new HingeLoss()),
        ("SquaredHinge", new SquaredHingeLoss()),
        ("SmoothedHinge(0.5)", new SmoothedHingeLoss(0.5)),
        ("ModifiedHuber", new ModifiedHuberLoss()),
        ("Perceptron", new PerceptronLoss()),
        ("Exponential", new ExponentialLoss()),
        ("BinarySparsemax", new BinarySparsemaxLoss()),
        ("Focal(2)", new FocalLoss(2.0)),
        ("Focal(0.5)", new FocalLoss(0.5)),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in All) data.Add(name);
        return data;
    }

    public static ILoss Get(string name)
    {
        foreach (var (n, l) in All) if (n == name) return l;
        throw new ArgumentException(name);
    }

    public static double[] LabelsFor(ILoss loss) => loss.LabelConvention switch
    {
        LabelConvention.Binary => [-1.0, 0.0, 1.0],
        LabelConvention.Count => [0.0, 1.0, 7.0],
        LabelConvention.Positive => [1e-3, 1.0, 7.0],
        _ => [-3.0, 0.0, 2.5],
    };

    public static readonly double[] Scores =
        [-1e3, -30, -2.2, -1, -0.37, -1e-8, 0, 1e-8, 0.37, 1, 2.2, 30, 1e3];
}
