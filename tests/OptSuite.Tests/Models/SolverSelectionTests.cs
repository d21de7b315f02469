using OptSuite.Models;
using OptSuite.Models.Internal;

namespace OptSuite.Tests.Models;

/// <summary>The Auto rules and the supported-solver table (the one place that knows which solver handles what).</summary>
public class SolverSelectionTests
{
    private static ProblemShape Shape(LossKind loss, PenaltyKind penalty, bool intercept = true, bool sparse = false, int n = 1000) =>
        new(loss, penalty, intercept, sparse, n, 50);

    [Fact]
    public void AutoFollowsTheDocumentedRules()
    {
        Assert.Equal(SolverKind.CoordinateDescent, SolverSelection.Auto(Shape(LossKind.Squared, PenaltyKind.L2)));
        Assert.Equal(SolverKind.CoordinateDescent, SolverSelection.Auto(Shape(LossKind.Squared, PenaltyKind.L1, sparse: true, n: 100_000)));
        Assert.Equal(SolverKind.CoordinateDescent, SolverSelection.Auto(Shape(LossKind.Logistic, PenaltyKind.ElasticNet)));
        Assert.Equal(SolverKind.CoordinateDescent, SolverSelection.Auto(Shape(LossKind.Logistic, PenaltyKind.L1, n: 20_000)));
        Assert.Equal(SolverKind.Lbfgs, SolverSelection.Auto(Shape(LossKind.Logistic, PenaltyKind.L2)));
        Assert.Equal(SolverKind.Lbfgs, SolverSelection.Auto(Shape(LossKind.Logistic, PenaltyKind.L2, intercept: false, sparse: false, n: 50_000)));
        Assert.Equal(SolverKind.DualCoordinateDescent, SolverSelection.Auto(Shape(LossKind.Logistic, PenaltyKind.L2, intercept: false, sparse: true, n: 50_000)));
        Assert.Equal(SolverKind.Lbfgs, SolverSelection.Auto(Shape(LossKind.Logistic, PenaltyKind.L2, intercept: true, sparse: true, n: 50_000)));
        Assert.Equal(SolverKind.DualCoordinateDescent, SolverSelection.Auto(Shape(LossKind.SquaredHinge, PenaltyKind.L2, intercept: false)));
        Assert.Equal(SolverKind.Lbfgs, SolverSelection.Auto(Shape(LossKind.SquaredHinge, PenaltyKind.L2, intercept: true)));
        Assert.Equal(SolverKind.DualCoordinateDescent, SolverSelection.Auto(Shape(LossKind.CrammerSinger, PenaltyKind.L2, intercept: false)));
        Assert.Equal(SolverKind.CoordinateDescent, SolverSelection.Auto(Shape(LossKind.Squared, PenaltyKind.Group)));
        Assert.Equal(SolverKind.Fista, SolverSelection.Auto(Shape(LossKind.Logistic, PenaltyKind.Group)));
        Assert.Equal(SolverKind.Newton, SolverSelection.Auto(Shape(LossKind.Multinomial, PenaltyKind.L2)));
        Assert.Equal(SolverKind.Fista, SolverSelection.Auto(Shape(LossKind.Multinomial, PenaltyKind.L1)));
        Assert.Equal(SolverKind.Lbfgs, SolverSelection.Auto(Shape(LossKind.Huber, PenaltyKind.L2)));
        Assert.Equal(SolverKind.Lbfgs, SolverSelection.Auto(Shape(LossKind.Poisson, PenaltyKind.L2)));
    }

    [Fact]
    public void AutosChoiceIsAlwaysSupportedAndUnsupportedPairingsSayWhichCan()
    {
        foreach (LossKind loss in Enum.GetValues<LossKind>())
            foreach (PenaltyKind penalty in Enum.GetValues<PenaltyKind>())
                foreach (bool intercept in new[] { false, true })
                    foreach (bool sparse in new[] { false, true })
                        foreach (int n in new[] { 100, 50_000 })
                        {
                            var s = Shape(loss, penalty, intercept, sparse, n);
                            var supported = SolverSelection.Supported(s);
                            if (supported.Count == 0)
                            {
                                Assert.Throws<UnsupportedSolverException>(() => SolverSelection.Resolve(SolverKind.Auto, s, "m"));
                                continue;
                            }
                            Assert.Contains(SolverSelection.Auto(s), supported);
                            foreach (SolverKind k in Enum.GetValues<SolverKind>())
                            {
                                if (k == SolverKind.Auto || supported.Contains(k)) continue;
                                var e = Assert.Throws<UnsupportedSolverException>(() => SolverSelection.Resolve(k, s, "m"));
                                foreach (var ok in supported) Assert.Contains(SolverKindNames.ToName(ok), e.Message);
                            }
                        }
        Assert.Empty(SolverSelection.Supported(Shape(LossKind.Hinge, PenaltyKind.L2, intercept: true)));
        Assert.Empty(SolverSelection.Supported(Shape(LossKind.Hinge, PenaltyKind.L1, intercept: false)));
    }
}
