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

    /// <summary>
    /// The one-pass first and second derivatives a Newton step takes (issue 18: the logistic loss's two sigmoids now come
    /// from one exponential, vectorised) equal the scalar ℓ′ and ℓ″ times the weights, to rounding, at extreme scores and
    /// in the scalar tail, for the losses with a vector path and one without.
    /// </summary>
    [Fact]
    public void One_pass_derivatives_and_curvatures_match_the_scalar_ones()
    {
        double[] z = [1e308, -1e308, 1e-8, -1e-8, 40, -40, 745, -745, 0, 1, -1, 30, -30, 1e3, -1e3, 0.5, 2.5, -3.25, 7];
        double[] y = [1, 1, 0, -1, 1, 0, 1, -1, 1, 1, 0, -1, 1, 0, 1, -1, 0, 1, -1];
        double[] c = z.Select((_, i) => 0.25 + 0.125 * i).ToArray();
        Check(new OptSuite.Objectives.Losses.LogisticLoss(), y, z, c);
        Check(new OptSuite.Objectives.Losses.SquaredLoss(), y, z.Select(v => Math.Clamp(v, -1e6, 1e6)).ToArray(), c);
        Check(new OptSuite.Objectives.Losses.SquaredHingeLoss(), y, z, c);
        Assert.Throws<ArgumentException>(() => OptSuite.Objectives.LossBatch.DerivativesAndCurvatures(
            new OptSuite.Objectives.Losses.LogisticLoss(), y, z, c, new double[z.Length], new double[z.Length - 1]));
    }

    private static void Check<TLoss>(TLoss loss, double[] y, double[] z, double[] c) where TLoss : struct, OptSuite.Objectives.ILoss
    {
        var d = new double[z.Length];
        var h = new double[z.Length];
        OptSuite.Objectives.LossBatch.DerivativesAndCurvatures(loss, y, z, c, d, h);
        for (int i = 0; i < z.Length; i++)
        {
            double d0 = c[i] * loss.Derivative(y[i], z[i]), h0 = c[i] * loss.SecondDerivative(y[i], z[i]);
            Assert.True(d[i] == d0 || Math.Abs(d[i] - d0) <= 4e-16 * Math.Abs(d0), $"{typeof(TLoss).Name} ℓ′ at z = {z[i]}, y = {y[i]}: {d[i]} vs {d0}");
            Assert.True(h[i] == h0 || Math.Abs(h[i] - h0) <= 4e-16 * Math.Abs(h0), $"{typeof(TLoss).Name} ℓ″ at z = {z[i]}, y = {y[i]}: {h[i]} vs {h0}");
        }
    }
}
