namespace OptSuite.Objectives.Metrics;

/// <summary>Survival metrics: Harrell's concordance index.</summary>
public static class SurvivalMetrics
{
    /// <summary>
    /// Harrell's C: among comparable pairs (i, j) — i has an event and t_i &lt; t_j, or t_i = t_j with j censored — the
    /// weighted share where i, who failed first, has the higher risk score; equal scores count one half, and pairs of
    /// tied event times are not comparable. survival::concordance's definition (timewt = "n", pair weight w_i·w_j), which
    /// glmnet's Cindex(pred, y, weights) calls with the negated prediction.
    /// </summary>
    /// <param name="time">n times (finite).</param>
    /// <param name="status">n indicators, 1 event, 0 censored.</param>
    /// <param name="risk">n risk scores (the linear predictor x·β: higher means earlier failure).</param>
    /// <param name="weights">Optional n weights ≥ 0; ones when empty.</param>
    /// <returns>C ∈ [0, 1]; NaN when no pair is comparable.</returns>
    /// <remarks>O(n²) pairs after a sort by time, without allocation beyond the order.</remarks>
    public static double ConcordanceIndex(ReadOnlySpan<double> time, ReadOnlySpan<int> status, ReadOnlySpan<double> risk,
        ReadOnlySpan<double> weights = default)
    {
        int n = time.Length;
        MetricChecks.Pair(n, status.Length, nameof(time), nameof(status));
        MetricChecks.Pair(n, risk.Length, nameof(time), nameof(risk));
        if (!weights.IsEmpty) MetricChecks.Pair(n, weights.Length, nameof(time), nameof(weights));
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(time[i])) throw new ArgumentException($"time[{i}] = {time[i]} is not finite.", nameof(time));
            if (status[i] is not (0 or 1)) throw new ArgumentException($"status[{i}] = {status[i]}; the status must be 0 or 1.", nameof(status));
            if (double.IsNaN(risk[i])) throw new ArgumentException($"risk[{i}] is NaN.", nameof(risk));
            if (!weights.IsEmpty && !(weights[i] >= 0 && double.IsFinite(weights[i])))
                throw new ArgumentException($"weights[{i}] = {weights[i]}; weights must be finite and ≥ 0.", nameof(weights));
        }
        double agree = 0, total = 0;
        for (int i = 0; i < n; i++)
        {
            if (status[i] != 1) continue;
            double wi = weights.IsEmpty ? 1 : weights[i];
            for (int j = 0; j < n; j++)
            {
                if (!(time[j] > time[i] || (time[j] == time[i] && status[j] == 0 && j != i))) continue;
                double w = wi * (weights.IsEmpty ? 1 : weights[j]);
                total += w;
                if (risk[i] > risk[j]) agree += w;
                else if (risk[i] == risk[j]) agree += 0.5 * w;
            }
        }
        return total > 0 ? agree / total : double.NaN;
    }
}
