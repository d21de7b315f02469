using System.Reflection;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;

namespace OptSuite.Tests.Objectives;

/// <summary>
/// The capabilities a loss declares (<see cref="ILoss.IsQuadratic"/>, <see cref="ILoss.DualStep"/>) are what solvers
/// ask instead of the loss's type, so each declaration is checked against the loss's own values.
/// </summary>
public class LossCapabilityTests
{
    public static TheoryData<string> Losses()
    {
        var data = new TheoryData<string>();
        foreach (var t in LossTypes()) data.Add(t.Name);
        return data;
    }

    private static IEnumerable<Type> LossTypes() =>
        typeof(ILoss).Assembly.GetTypes().Where(t => t.IsValueType && typeof(ILoss).IsAssignableFrom(t)).OrderBy(t => t.Name, StringComparer.Ordinal);

    private static ILoss Create(string name) => (ILoss)Activator.CreateInstance(LossTypes().Single(t => t.Name == name))!;

    private static readonly double[] Scores = [-30, -3, -1, -0.5, 0, 0.25, 0.999, 1, 1.5, 4, 40];

    [Fact]
    public void OnlyTheSquaredLossIsQuadraticAndOnlyTheLiblinearLossesHaveADualStep()
    {
        var quadratic = LossTypes().Where(t => ((ILoss)Activator.CreateInstance(t)!).IsQuadratic).Select(t => t.Name);
        Assert.Equal(new[] { nameof(SquaredLoss) }, quadratic);
        var dual = LossTypes().Where(t => ((ILoss)Activator.CreateInstance(t)!).DualStep.Kind != DualCoordinateKind.None).Select(t => t.Name);
        Assert.Equal(new[] { nameof(EpsilonInsensitiveLoss), nameof(HingeLoss), nameof(LogisticLoss), nameof(SquaredEpsilonInsensitiveLoss), nameof(SquaredHingeLoss) }, dual);
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void AQuadraticLossIsHalfTheSquaredResidual(string name)
    {
        var loss = Create(name);
        if (!loss.IsQuadratic) return;
        foreach (double y in new[] { -2.5, 0, 1, 7 })
            foreach (double z in Scores)
            {
                Assert.Equal(0.5 * (y - z) * (y - z), loss.Value(y, z), 1e-12 * (1 + (y - z) * (y - z)));
                Assert.Equal(z - y, loss.Derivative(y, z), 1e-12 * (1 + Math.Abs(y - z)));
                Assert.Equal(1.0, loss.SecondDerivative(y, z));
            }
        Assert.Equal(1.0, loss.Smoothness);
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void ABoxQuadraticDualStepDescribesTheLoss(string name)
    {
        var loss = Create(name);
        var step = loss.DualStep;
        if (step.Kind != DualCoordinateKind.BoxQuadratic) return;
        Assert.True(step.UpperBound > 0 && step.DiagonalShift >= 0);
        foreach (double y in new[] { -1.0, 1.0 })
            foreach (double z in Scores)
            {
                // ℓ(y, z) = sup over 0 ≤ α ≤ U of α(1 − yz) − (D/2)α², by a fine grid plus the closed-form maximiser.
                double h = 1 - y * z, best = 0;
                double top = double.IsPositiveInfinity(step.UpperBound) ? Math.Max(0, h / step.DiagonalShift) : step.UpperBound;
                for (int k = 0; k <= 1000; k++)
                {
                    double a = top * k / 1000;
                    best = Math.Max(best, a * h - 0.5 * step.DiagonalShift * a * a);
                }
                if (step.DiagonalShift > 0)
                {
                    double a = Math.Clamp(h / step.DiagonalShift, 0, step.UpperBound);
                    best = Math.Max(best, a * h - 0.5 * step.DiagonalShift * a * a);
                }
                Assert.Equal(best, loss.Value(y, z), 1e-9 * (1 + best));
            }
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void ALogisticDualStepBelongsToTheLogisticLoss(string name)
    {
        var loss = Create(name);
        if (loss.DualStep.Kind != DualCoordinateKind.Logistic) return;
        foreach (double y in new[] { -1.0, 1.0 })
            foreach (double z in Scores)
            {
                double m = y * z, expected = m > 0 ? Math.Log(1 + Math.Exp(-m)) : -m + Math.Log(1 + Math.Exp(m));
                Assert.Equal(expected, loss.Value(y, z), 1e-12 * (1 + expected));
            }
    }

    [Fact]
    public void ADefaultLossWhoseZeroParameterMeansNothingIsRefusedWhereAnObjectiveIsBuilt()
    {
        string[] invalidAtDefault = [nameof(AsymmetricAbsoluteLoss), nameof(HuberLoss), nameof(QuantileLoss), nameof(SmoothL1Loss), nameof(SmoothedHingeLoss), nameof(TweedieLoss)];
        var refused = new List<string>();
        foreach (var type in LossTypes())
        {
            var loss = (ILoss)Activator.CreateInstance(type)!;
            try { loss.ValidateParameters(); }
            catch (ArgumentException e)
            {
                Assert.Equal("loss", e.ParamName);
                Assert.Contains($"default({type.Name})", e.Message);
                refused.Add(type.Name);
            }
        }
        Assert.Equal(invalidAtDefault, refused);

        var x = new OptSuite.LinearAlgebra.DenseMatrix(2, 1, [1.0, 2.0]);
        var e2 = Assert.Throws<ArgumentException>(() => new LinearObjective<HuberLoss, OptSuite.Prox.Regularizers.ZeroRegularizer>(x, [0.5, 1.0], default, default));
        Assert.Contains("δ > 0", e2.Message);
        Assert.Throws<ArgumentException>(() => new LinearObjective<TweedieLoss, OptSuite.Prox.Regularizers.ZeroRegularizer>(x, [0.5, 1.0], default, default));
        // Constructed with a valid parameter, the same losses build objectives.
        _ = new LinearObjective<HuberLoss, OptSuite.Prox.Regularizers.ZeroRegularizer>(x, [0.5, 1.0], new HuberLoss(1.0), default);
        _ = new LinearObjective<TweedieLoss, OptSuite.Prox.Regularizers.ZeroRegularizer>(x, [0.5, 1.0], new TweedieLoss(1.5), default);
    }
}
