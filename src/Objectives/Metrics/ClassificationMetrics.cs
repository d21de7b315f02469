namespace OptSuite.Objectives.Metrics;

/// <summary>Classification metrics: accuracy, binary log loss, top-k accuracy and perplexity.</summary>
/// <remarks>Empty or mismatched inputs are an <see cref="ArgumentException"/>. Log loss clips probabilities to
/// [1e-15, 1 − 1e-15] (as scikit-learn) so a confident mistake is large but finite. Top-k counts a sample as correct
/// when fewer than k classes score strictly higher than its label (ties count in the label's favour).
/// Perplexity = exp(mean negative log-probability of the labels).</remarks>
public static class ClassificationMetrics
{
    private const double Clip = 1e-15;

    /// <summary>Fraction of exactly equal labels.</summary>
    /// <param name="truth">True labels.</param>
    /// <param name="predicted">Predicted labels, same length.</param>
    /// <returns>Accuracy in [0, 1].</returns>
    public static double Accuracy(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted)
    {
        MetricChecks.Pair(truth.Length, predicted.Length, nameof(truth), nameof(predicted));
        int hits = 0;
        for (int i = 0; i < truth.Length; i++) if (truth[i] == predicted[i]) hits++;
        return (double)hits / truth.Length;
    }

    /// <summary>Fraction of exactly equal class indices.</summary>
    /// <param name="truth">True classes.</param>
    /// <param name="predicted">Predicted classes, same length.</param>
    /// <returns>Accuracy in [0, 1].</returns>
    public static double Accuracy(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted)
    {
        MetricChecks.Pair(truth.Length, predicted.Length, nameof(truth), nameof(predicted));
        int hits = 0;
        for (int i = 0; i < truth.Length; i++) if (truth[i] == predicted[i]) hits++;
        return (double)hits / truth.Length;
    }

    /// <summary>Binary log loss −(1/n) Σ [y log p + (1 − y) log(1 − p)].</summary>
    /// <param name="truth">Binary labels ({0, 1} or {−1, +1}; 0 and −1 are the negative class).</param>
    /// <param name="probabilities">Predicted P(y = positive) in [0, 1], same length.</param>
    /// <returns>The mean log loss.</returns>
    public static double LogLoss(ReadOnlySpan<double> truth, ReadOnlySpan<double> probabilities)
    {
        MetricChecks.Pair(truth.Length, probabilities.Length, nameof(truth), nameof(probabilities));
        double s = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            Labels.Validate(LabelConvention.Binary, truth[i]);
            double p = probabilities[i];
            if (!(p >= 0 && p <= 1)) throw new ArgumentException($"Probability {i} must lie in [0, 1], got {p}.", nameof(probabilities));
            p = Math.Clamp(p, Clip, 1 - Clip);
            s -= truth[i] > 0 ? Math.Log(p) : Math.Log(1 - p);
        }
        return s / truth.Length;
    }

    /// <summary>Top-k accuracy over a row-major n×K score matrix.</summary>
    /// <param name="truth">True classes (length n).</param>
    /// <param name="scores">Scores, n·K entries.</param>
    /// <param name="classes">K.</param>
    /// <param name="k">1 ≤ k ≤ K.</param>
    /// <returns>Top-k accuracy in [0, 1].</returns>
    public static double TopKAccuracy(ReadOnlySpan<int> truth, ReadOnlySpan<double> scores, int classes, int k)
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "At least one class is needed.");
        if (k < 1 || k > classes) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must lie in [1, {classes}].");
        if (truth.IsEmpty) throw new ArgumentException("Inputs must not be empty.", nameof(truth));
        if (scores.Length != truth.Length * classes) throw new ArgumentException($"Scores length {scores.Length} differs from n·K = {truth.Length * classes}.", nameof(scores));
        int hits = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            int y = truth[i];
            if ((uint)y >= (uint)classes) throw new ArgumentException($"Class {y} at {i} outside [0, {classes}).", nameof(truth));
            var row = scores.Slice(i * classes, classes);
            int higher = 0;
            foreach (double s in row) if (s > row[y]) higher++;
            if (higher < k) hits++;
        }
        return (double)hits / truth.Length;
    }

    /// <summary>Perplexity exp(−(1/n) Σ log p(y_i)) from a row-major n×K matrix of log-probabilities.</summary>
    /// <param name="truth">True classes (length n).</param>
    /// <param name="logProbabilities">Log-probabilities, n·K entries.</param>
    /// <param name="classes">K.</param>
    /// <returns>The perplexity, ≥ 1 for normalised rows.</returns>
    public static double Perplexity(ReadOnlySpan<int> truth, ReadOnlySpan<double> logProbabilities, int classes)
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "At least one class is needed.");
        if (truth.IsEmpty) throw new ArgumentException("Inputs must not be empty.", nameof(truth));
        if (logProbabilities.Length != truth.Length * classes) throw new ArgumentException($"Length {logProbabilities.Length} differs from n·K = {truth.Length * classes}.", nameof(logProbabilities));
        double nll = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            if ((uint)truth[i] >= (uint)classes) throw new ArgumentException($"Class {truth[i]} at {i} outside [0, {classes}).", nameof(truth));
            nll -= logProbabilities[i * classes + truth[i]];
        }
        return Math.Exp(nll / truth.Length);
    }
}
