namespace OptSuite.Objectives.Metrics;

/// <summary>Regression metrics: MSE, RMSE, MAE and the coefficient of determination R².</summary>
/// <remarks>Empty or mismatched inputs are an <see cref="ArgumentException"/>. R² = 1 − SS_res/SS_tot; for constant
/// targets (SS_tot = 0) it is 1 for a perfect prediction and 0 otherwise, as in scikit-learn.</remarks>
public static class RegressionMetrics
{
    /// <summary>Mean squared error.</summary>
    /// <param name="truth">Targets.</param>
    /// <param name="predicted">Predictions, same length.</param>
    /// <returns>(1/n) Σ (ŷ − y)².</returns>
    public static double MeanSquaredError(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted)
    {
        MetricChecks.Pair(truth.Length, predicted.Length, nameof(truth), nameof(predicted));
        double s = 0;
        for (int i = 0; i < truth.Length; i++) { double r = predicted[i] - truth[i]; s += r * r; }
        return s / truth.Length;
    }

    /// <summary>Root mean squared error.</summary>
    /// <param name="truth">Targets.</param>
    /// <param name="predicted">Predictions, same length.</param>
    /// <returns>√MSE.</returns>
    public static double RootMeanSquaredError(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted)
        => Math.Sqrt(MeanSquaredError(truth, predicted));

    /// <summary>Mean absolute error.</summary>
    /// <param name="truth">Targets.</param>
    /// <param name="predicted">Predictions, same length.</param>
    /// <returns>(1/n) Σ |ŷ − y|.</returns>
    public static double MeanAbsoluteError(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted)
    {
        MetricChecks.Pair(truth.Length, predicted.Length, nameof(truth), nameof(predicted));
        double s = 0;
        for (int i = 0; i < truth.Length; i++) s += Math.Abs(predicted[i] - truth[i]);
        return s / truth.Length;
    }

    /// <summary>Coefficient of determination R².</summary>
    /// <param name="truth">Targets.</param>
    /// <param name="predicted">Predictions, same length.</param>
    /// <returns>1 − SS_res/SS_tot.</returns>
    public static double RSquared(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted)
    {
        MetricChecks.Pair(truth.Length, predicted.Length, nameof(truth), nameof(predicted));
        double mean = 0;
        foreach (double y in truth) mean += y;
        mean /= truth.Length;
        double res = 0, tot = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            double r = predicted[i] - truth[i], c = truth[i] - mean;
            res += r * r; tot += c * c;
        }
        if (tot == 0) return res == 0 ? 1.0 : 0.0;
        return 1.0 - res / tot;
    }
}
