using System.Buffers;

namespace OptSuite.Objectives.Functions;

/// <summary>Stable vector maps from scores to the simplex: logsumexp, softmax, log-softmax and sparsemax.</summary>
/// <remarks>
/// logsumexp(s) = m + log Σ exp(s_k − m) with m = max s. sparsemax(s) = argmin_{p ∈ Δ} ‖p − s‖² is the Euclidean
/// projection onto the simplex, computed by sorting (Held et al. 1974; Martins &amp; Astudillo 2016), O(n log n).
/// Buffers up to 256 entries live on the stack, larger ones are rented from <see cref="ArrayPool{T}"/>.
/// </remarks>
public static class SimplexFunctions
{
    internal const int StackLimit = 256;

    /// <summary>log Σ_k exp(s_k), stable for any finite scores.</summary>
    /// <param name="scores">Scores (non-empty).</param>
    /// <returns>The value.</returns>
    public static double LogSumExp(ReadOnlySpan<double> scores)
    {
        if (scores.IsEmpty) throw new ArgumentException("Scores must not be empty.", nameof(scores));
        double m = double.NegativeInfinity;
        foreach (double s in scores) if (s > m) m = s;
        if (double.IsInfinity(m)) return m;
        double sum = 0;
        foreach (double s in scores) sum += Math.Exp(s - m);
        return m + Math.Log(sum);
    }

    /// <summary>softmax(s)_k = exp(s_k − logsumexp(s)).</summary>
    /// <param name="scores">Scores (non-empty).</param>
    /// <param name="destination">Probabilities, same length (may alias <paramref name="scores"/>).</param>
    /// <returns>logsumexp(s).</returns>
    public static double Softmax(ReadOnlySpan<double> scores, Span<double> destination)
    {
        Softmax(scores, destination, out double max, out double logSum);
        return max + logSum;
    }

    /// <summary>softmax with the shift and log Σ exp(s − max) returned separately, so that callers can form
    /// logsumexp(s) − s_y as (max − s_y) + logSum without an eps·|max| error.</summary>
    internal static void Softmax(ReadOnlySpan<double> scores, Span<double> destination, out double max, out double logSum)
    {
        CheckLengths(scores.Length, destination.Length);
        if (scores.IsEmpty) throw new ArgumentException("Scores must not be empty.", nameof(scores));
        double m = double.NegativeInfinity;
        foreach (double s in scores) if (s > m) m = s;
        if (double.IsInfinity(m)) throw new ArgumentException("Scores must contain a finite maximum.", nameof(scores));
        // exp(s − max)/Σ rather than exp(s − logsumexp): the shift is exact, so no error of size eps·|max| creeps in.
        double sum = 0;
        for (int k = 0; k < scores.Length; k++) { double e = Math.Exp(scores[k] - m); destination[k] = e; sum += e; }
        double inv = 1.0 / sum;
        for (int k = 0; k < destination.Length; k++) destination[k] *= inv;
        max = m;
        logSum = Math.Log(sum);
    }

    internal static double LogSumExpMinus(ReadOnlySpan<double> scores, double shift)
    {
        if (scores.IsEmpty) throw new ArgumentException("Scores must not be empty.", nameof(scores));
        double m = double.NegativeInfinity;
        foreach (double s in scores) if (s > m) m = s;
        double sum = 0;
        foreach (double s in scores) sum += Math.Exp(s - m);
        return (m - shift) + Math.Log(sum);
    }

    /// <summary>log-softmax(s)_k = s_k − logsumexp(s).</summary>
    /// <param name="scores">Scores (non-empty).</param>
    /// <param name="destination">Log-probabilities, same length (may alias <paramref name="scores"/>).</param>
    /// <returns>logsumexp(s).</returns>
    public static double LogSoftmax(ReadOnlySpan<double> scores, Span<double> destination)
    {
        CheckLengths(scores.Length, destination.Length);
        if (scores.IsEmpty) throw new ArgumentException("Scores must not be empty.", nameof(scores));
        double m = double.NegativeInfinity;
        foreach (double s in scores) if (s > m) m = s;
        if (double.IsInfinity(m)) throw new ArgumentException("Scores must contain a finite maximum.", nameof(scores));
        double sum = 0;
        foreach (double s in scores) sum += Math.Exp(s - m);
        double logSum = Math.Log(sum);
        // (s − max) − log Σ keeps full precision for the leading entries even when |max| is large.
        for (int k = 0; k < scores.Length; k++) destination[k] = (scores[k] - m) - logSum;
        return m + logSum;
    }

    /// <summary>sparsemax(s): the Euclidean projection of the scores onto the probability simplex.</summary>
    /// <param name="scores">Scores (non-empty, finite).</param>
    /// <param name="destination">Probabilities, same length (may alias <paramref name="scores"/>).</param>
    /// <returns>The threshold τ such that p_k = max(s_k − τ, 0).</returns>
    public static double Sparsemax(ReadOnlySpan<double> scores, Span<double> destination)
    {
        CheckLengths(scores.Length, destination.Length);
        if (scores.IsEmpty) throw new ArgumentException("Scores must not be empty.", nameof(scores));
        int n = scores.Length;
        double[]? rented = null;
        Span<double> sorted = n <= StackLimit ? stackalloc double[n] : (rented = ArrayPool<double>.Shared.Rent(n)).AsSpan(0, n);
        scores.CopyTo(sorted);
        sorted.Sort();
        // Walk the sorted scores from the largest; the support is the longest prefix with s_(k) > (cumsum − 1)/k.
        double cumulative = 0, tau = 0;
        for (int k = 1; k <= n; k++)
        {
            double s = sorted[n - k];
            cumulative += s;
            double t = (cumulative - 1.0) / k;
            if (s > t) tau = t; else break;
        }
        if (rented is not null) ArrayPool<double>.Shared.Return(rented);
        for (int k = 0; k < n; k++) destination[k] = Math.Max(scores[k] - tau, 0.0);
        return tau;
    }

    private static void CheckLengths(int scores, int destination)
    {
        if (scores != destination)
            throw new ArgumentException($"Destination length {destination} differs from scores length {scores}.", nameof(destination));
    }
}
