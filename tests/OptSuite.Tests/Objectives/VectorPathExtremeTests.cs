namespace OptSuite.Tests.Objectives;

public class VectorPathExtremeTests
{
    [Fact]
    public void Vectorised_logistic_and_hinge_match_scalar_at_extreme_scores()
    {
        double[] z = [1e308, -1e308, 1e-8, -1e-8, 40, -40, 745, -745, 0, 1, -1, 30, -30, 1e3, -1e3, 0.5];
        double[] y = [1, 1, 0, -1, 1, 0, 1, -1, 1, 1, 0, -1, 1, 0, 1, -1];
        var d = new double[z.Length];
        var lg = new OptSuite.Objectives.Losses.LogisticLoss();
        double s = OptSuite.Objectives.LossBatch.ValueAndDerivative(lg, y, z, d);
        double expected = 0;
        for (int i = 0; i < z.Length; i++)
        {
            expected += lg.Value(y[i], z[i]);
            Assert.Equal(lg.Derivative(y[i], z[i]), d[i], 1e-15);
        }
        Assert.Equal(expected, s, 1e-6 * expected);
        Assert.True(double.IsFinite(s));
        var hg = new OptSuite.Objectives.Losses.HingeLoss();
        s = OptSuite.Objectives.LossBatch.ValueAndDerivative(hg, y, z, d);
        expected = 0;
        for (int i = 0; i < z.Length; i++) { expected += hg.Value(y[i], z[i]); Assert.Equal(hg.Derivative(y[i], z[i]), d[i]); }
        Assert.Equal(expected, s, 1e-6 * expected);
    }
}
