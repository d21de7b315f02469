using System.Buffers;

namespace OptSuite.Objectives.Sequences;

/// <summary>Connectionist temporal classification loss −log p(l | x) for a T×K matrix of log-probabilities.</summary>
/// <remarks>
/// Graves et al. (2006). With the extended label l′ = (b, l₁, b, l₂, …, b) of length S = 2U + 1 (b the blank), the
/// forward variables α_t(s) = log Σ of path prefixes ending in l′_s at t and the backward variables β_t(s) (emissions
/// after t only) are computed in log space with log-sum-exp, so no underflow for long sequences. Then
/// log p = logsumexp(α_{T−1}(S − 1), α_{T−1}(S − 2)) and the gradient of −log p with respect to the inputs
/// x_{t,k} (treated as free log-probabilities, not as logits of a softmax) is −Σ_{s: l′_s = k} exp(α_t(s) + β_t(s) − log p).
/// A label needs T ≥ U + (number of equal consecutive labels) frames; when that fails, or when every alignment has
/// probability 0, the loss is +∞ and the gradient is zero. The workspace holds 2·T·S doubles.
/// </remarks>
public static class CtcLoss
{
    /// <summary>Number of doubles of workspace needed by <see cref="ValueAndGradient(ReadOnlySpan{double}, int, int, ReadOnlySpan{int}, int, Span{double}, Span{double})"/>.</summary>
    /// <param name="frames">T.</param>
    /// <param name="labelLength">U.</param>
    /// <returns>2·T·(2U + 1).</returns>
    public static int WorkspaceSize(int frames, int labelLength) => 2 * frames * (2 * labelLength + 1);

    /// <summary>CTC loss and its gradient, renting the workspace from the shared pool.</summary>
    /// <param name="logProbabilities">Row-major T×K log-probabilities.</param>
    /// <param name="frames">T ≥ 1.</param>
    /// <param name="classes">K ≥ 2 (including the blank).</param>
    /// <param name="labels">Label sequence, entries in [0, K) and different from the blank.</param>
    /// <param name="blank">Index of the blank class.</param>
    /// <param name="gradient">Destination of length T·K for ∂loss/∂x (may be empty to skip the gradient).</param>
    /// <returns>−log p(labels | x), +∞ when no alignment is possible.</returns>
    public static double ValueAndGradient(ReadOnlySpan<double> logProbabilities, int frames, int classes, ReadOnlySpan<int> labels, int blank, Span<double> gradient)
    {
        int size = WorkspaceSize(frames, labels.Length);
        double[] rented = ArrayPool<double>.Shared.Rent(Math.Max(size, 1));
        try { return ValueAndGradient(logProbabilities, frames, classes, labels, blank, gradient, rented.AsSpan(0, size)); }
        finally { ArrayPool<double>.Shared.Return(rented); }
    }

    /// <summary>CTC loss and its gradient with a caller-provided workspace (allocation-free).</summary>
    /// <param name="logProbabilities">Row-major T×K log-probabilities.</param>
    /// <param name="frames">T ≥ 1.</param>
    /// <param name="classes">K ≥ 2 (including the blank).</param>
    /// <param name="labels">Label sequence, entries in [0, K) and different from the blank.</param>
    /// <param name="blank">Index of the blank class.</param>
    /// <param name="gradient">Destination of length T·K (may be empty to skip the gradient).</param>
    /// <param name="workspace">At least <see cref="WorkspaceSize"/> doubles.</param>
    /// <returns>−log p(labels | x), +∞ when no alignment is possible.</returns>
    public static double ValueAndGradient(ReadOnlySpan<double> logProbabilities, int frames, int classes, ReadOnlySpan<int> labels, int blank,
        Span<double> gradient, Span<double> workspace)
    {
        Validate(logProbabilities.Length, frames, classes, labels, blank, gradient.Length, workspace.Length);
        bool wantGradient = !gradient.IsEmpty;
        if (wantGradient) gradient.Clear();
        int u = labels.Length, S = 2 * u + 1;
        int repeats = 0;
        for (int i = 1; i < u; i++) if (labels[i] == labels[i - 1]) repeats++;
        if (frames < u + repeats) return double.PositiveInfinity;

        var alpha = workspace[..(frames * S)];
        var beta = workspace.Slice(frames * S, frames * S);
        alpha.Fill(double.NegativeInfinity);
        beta.Fill(double.NegativeInfinity);
        var x = logProbabilities;

        alpha[0] = x[blank];
        if (u > 0) alpha[1] = x[labels[0]];
        for (int t = 1; t < frames; t++)
        {
            int row = t * S, prev = (t - 1) * S;
            for (int s = 0; s < S; s++)
            {
                double a = alpha[prev + s];
                if (s >= 1) a = LogAdd(a, alpha[prev + s - 1]);
                if (SkipAllowed(labels, s)) a = LogAdd(a, alpha[prev + s - 2]);
                alpha[row + s] = a + x[t * classes + Symbol(labels, blank, s)];
            }
        }
        int last = (frames - 1) * S;
        double logP = S >= 2 ? LogAdd(alpha[last + S - 1], alpha[last + S - 2]) : alpha[last + S - 1];
        if (double.IsNegativeInfinity(logP) || double.IsNaN(logP)) return double.PositiveInfinity;
        if (!wantGradient) return -logP;

        beta[last + S - 1] = 0.0;
        if (S >= 2) beta[last + S - 2] = 0.0;
        for (int t = frames - 2; t >= 0; t--)
        {
            int row = t * S, next = (t + 1) * S, xNext = (t + 1) * classes;
            for (int s = 0; s < S; s++)
            {
                double b = beta[next + s] + x[xNext + Symbol(labels, blank, s)];
                if (s + 1 < S) b = LogAdd(b, beta[next + s + 1] + x[xNext + Symbol(labels, blank, s + 1)]);
                if (s + 2 < S && SkipAllowed(labels, s + 2)) b = LogAdd(b, beta[next + s + 2] + x[xNext + Symbol(labels, blank, s + 2)]);
                beta[row + s] = b;
            }
        }
        for (int t = 0; t < frames; t++)
            for (int s = 0; s < S; s++)
            {
                double lg = alpha[t * S + s] + beta[t * S + s] - logP;
                if (lg > double.NegativeInfinity) gradient[t * classes + Symbol(labels, blank, s)] -= Math.Exp(lg);
            }
        return -logP;
    }

    private static int Symbol(ReadOnlySpan<int> labels, int blank, int s) => (s & 1) == 0 ? blank : labels[s >> 1];

    // The transition s − 2 → s skips a blank; allowed only onto a label that differs from the previous label.
    private static bool SkipAllowed(ReadOnlySpan<int> labels, int s) => (s & 1) == 1 && s >= 3 && labels[s >> 1] != labels[(s >> 1) - 1];

    private static double LogAdd(double a, double b)
    {
        if (a < b) (a, b) = (b, a);
        if (double.IsNegativeInfinity(b)) return a;
        return a + Math.Log(1.0 + Math.Exp(b - a));
    }

    private static void Validate(int length, int frames, int classes, ReadOnlySpan<int> labels, int blank, int gradient, int workspace)
    {
        if (frames < 1) throw new ArgumentOutOfRangeException(nameof(frames), frames, "At least one frame is needed.");
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "At least two classes (one blank) are needed.");
        if (length != frames * classes) throw new ArgumentException($"Log-probabilities length {length} differs from T·K = {frames * classes}.", "logProbabilities");
        if ((uint)blank >= (uint)classes) throw new ArgumentOutOfRangeException(nameof(blank), blank, $"Blank must lie in [0, {classes}).");
        for (int i = 0; i < labels.Length; i++)
            if ((uint)labels[i] >= (uint)classes || labels[i] == blank)
                throw new ArgumentException($"Label {i} = {labels[i]} must lie in [0, {classes}) and differ from the blank {blank}.", nameof(labels));
        if (gradient != 0 && gradient != frames * classes) throw new ArgumentException($"Gradient length {gradient} differs from T·K = {frames * classes}.", nameof(gradient));
        if (workspace < WorkspaceSize(frames, labels.Length)) throw new ArgumentException($"Workspace needs {WorkspaceSize(frames, labels.Length)} doubles.", nameof(workspace));
    }
}
