using OptSuite.Objectives.Metrics;

namespace OptSuite.Tests.Objectives;

public class MetricsTests
{
    [Fact]
    public void Regression_metrics_known_values()
    {
        double[] y = [1, 2, 3, 4], p = [1.5, 2, 2, 5];
        Assert.Equal((0.25 + 0 + 1 + 1) / 4, RegressionMetrics.MeanSquaredError(y, p), 14);
        Assert.Equal(Math.Sqrt(2.25 / 4), RegressionMetrics.RootMeanSquaredError(y, p), 14);
        Assert.Equal(2.5 / 4, RegressionMetrics.MeanAbsoluteError(y, p), 14);
        Assert.Equal(1 - 2.25 / 5.0, RegressionMetrics.RSquared(y, p), 14);
        Assert.Equal(1.0, RegressionMetrics.RSquared([2, 2], [2, 2]));
        Assert.Equal(0.0, RegressionMetrics.RSquared([2, 2], [2, 3]));
    }

    [Fact]
    public void Classification_metrics_known_values()
    {
        Assert.Equal(0.75, ClassificationMetrics.Accuracy([1.0, 0, 1, 1], [1.0, 0, 0, 1]));
        Assert.Equal(0.5, ClassificationMetrics.Accuracy([1, 2], [1, 0]));
        double ll = ClassificationMetrics.LogLoss([1.0, 0, -1], [0.8, 0.3, 0.0]);
        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.7) + Math.Log(1 - 1e-15)) / 3, ll, 12);
        Assert.True(double.IsFinite(ClassificationMetrics.LogLoss([1.0], [0.0])));
        double[] scores = [0.1, 0.5, 0.4, 0.9, 0.05, 0.05];
        Assert.Equal(0.5, ClassificationMetrics.TopKAccuracy([2, 0], scores, 3, 1));
        Assert.Equal(1.0, ClassificationMetrics.TopKAccuracy([2, 0], scores, 3, 2));
        double[] logp = [Math.Log(0.5), Math.Log(0.5), Math.Log(0.25), Math.Log(0.75)];
        Assert.Equal(Math.Exp(-(Math.Log(0.5) + Math.Log(0.25)) / 2), ClassificationMetrics.Perplexity([0, 0], logp, 2), 12);
    }

    [Fact]
    public void Empty_or_mismatched_inputs_throw()
    {
        Assert.Equal("truth", Assert.Throws<ArgumentException>(() => RegressionMetrics.MeanSquaredError([], [])).ParamName);
        Assert.Equal("predicted", Assert.Throws<ArgumentException>(() => RegressionMetrics.RSquared([1.0], [1.0, 2])).ParamName);
        Assert.Equal("predicted", Assert.Throws<ArgumentException>(() => ClassificationMetrics.Accuracy([1.0], [])).ParamName);
        Assert.Equal("probabilities", Assert.Throws<ArgumentException>(() => ClassificationMetrics.LogLoss([1.0], [1.5])).ParamName);
        Assert.Equal("label", Assert.Throws<ArgumentException>(() => ClassificationMetrics.LogLoss([2.0], [0.5])).ParamName);
        Assert.Equal("scores", Assert.Throws<ArgumentException>(() => ClassificationMetrics.TopKAccuracy([0], [1.0, 2], 3, 1)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationMetrics.TopKAccuracy([0], [1.0, 2, 3], 3, 4));
        Assert.Equal("truth", Assert.Throws<ArgumentException>(() => ClassificationMetrics.Perplexity([], [], 2)).ParamName);
    }
}
