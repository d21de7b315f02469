using OptSuite.Data;
using OptSuite.Objectives;

namespace OptSuite.Tests.Objectives.Linear;

/// <summary>The quantile-regression objective: its value is the pinball formula and its duality gap is a valid bound.</summary>
public class QuantileObjectiveTests
{
    [Theory]
    [InlineData(0.5, 1e-3, true)]
    [InlineData(0.1, 0.05, true)]
    [InlineData(0.9, 0.01, false)]
    public void ValueIsThePinballFormulaAndTheGapIsNonNegative(double tau, double lambda, bool intercept)
    {
        var d = SvmlightReader.Read(DatasetLocator.Find("regression/prostate_train.svm"));
        double[] y = d.Labels.ToArray();
        var f = Objective.QuantileRegression(d.Features, y, tau, lambda, 1, intercept);
        var rng = new Random(7);
        int p = d.Columns;
        for (int trial = 0; trial < 20; trial++)
        {
            var x = new double[f.Dimension];
            for (int j = 0; j < x.Length; j++) x[j] = rng.NextDouble() - 0.5;
            var z = new double[d.Rows];
            d.Features.Apply(x.AsSpan(0, p), z);
            double b = intercept ? x[p] : 0, expected = 0;
            for (int i = 0; i < z.Length; i++)
            {
                double r = y[i] - z[i] - b;
                expected += (r >= 0 ? tau * r : (tau - 1) * r) / z.Length;
            }
            for (int j = 0; j < p; j++) expected += lambda * Math.Abs(x[j]);
            double value = f.Value(x) + f.NonsmoothValue(x);
            Assert.Equal(expected, value, 1e-12 * Math.Max(1, expected));
            double gap = f.DualityGap(x);
            Assert.True(gap >= -1e-12 * value && double.IsFinite(gap), $"gap {gap} at F = {value}");
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => Objective.QuantileRegression(d.Features, y, 1.5, lambda));
        // Without a penalty no rescaling makes the dual point feasible (Xᵀu = 0 is needed): the gap is +∞, never NaN.
        var unpenalised = Objective.QuantileRegression(d.Features, y, tau, 0, 1, intercept);
        Assert.Equal(double.PositiveInfinity, unpenalised.DualityGap(new double[unpenalised.Dimension]));
    }
}
