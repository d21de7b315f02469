namespace OptSuite.Objectives;

/// <summary>
/// The intercept of the null (intercept-only) model, b₀ = argmin_b Σ_i a_i ℓ(y_i, b), for any convex loss: the start
/// of every regularisation path and the b at which λ_max and the null deviance are evaluated.
/// </summary>
/// <remarks>
/// φ(b) = Σ a_i ℓ(y_i, b) is convex, so φ′ is non-decreasing: a bracket [lo, hi] with φ′(lo) ≤ 0 ≤ φ′(hi) is found by
/// doubling, then safeguarded Newton steps (bisection where the curvature Σ a_i ℓ″ vanishes or a step leaves the
/// bracket) run to a floating-point fixed point. One routine for every loss instead of a closed form per loss: it agrees
/// with the closed forms to a few ulps (the weighted mean of y for the squared loss, the logit of the weighted share of
/// +1 labels for the logistic loss, log of the weighted mean for Poisson; tests check this) and gives the exact value
/// when the labels are constant. When φ has no minimiser — it decreases towards an infimum, as the logistic loss does on
/// a single class — the doubling ends where φ′ underflows to 0 with no curvature left, and that is reported.
/// </remarks>
public static class NullIntercept
{
    /// <summary>b₀ minimising Σ a_i ℓ(y_i, b).</summary>
    /// <typeparam name="TLoss">The loss.</typeparam>
    /// <param name="loss">The loss (convex).</param>
    /// <param name="labels">The labels y (trusted: validated by the caller).</param>
    /// <param name="weights">The weights a_i ≥ 0 (any positive scale), or empty for a_i = 1/n.</param>
    /// <exception cref="InvalidOperationException">φ has no minimiser (e.g. a single class for a classification loss).</exception>
    public static double Fit<TLoss>(TLoss loss, ReadOnlySpan<double> labels, ReadOnlySpan<double> weights)
        where TLoss : struct, ILoss
    {
        if (!weights.IsEmpty && weights.Length != labels.Length)
            throw new ArgumentException($"There are {weights.Length} weights for {labels.Length} labels.", nameof(weights));
        if (labels.IsEmpty) throw new ArgumentException("There are no labels.", nameof(labels));
        double uniform = 1.0 / labels.Length;
        double lo = -1, hi = 1;
        for (int k = 0; Slope(loss, labels, weights, uniform, lo) > 0; k++)
        {
            if (k > 60) throw Unbounded("−∞");
            lo *= 2;
        }
        if (Flat(loss, labels, weights, uniform, lo)) throw Unbounded("−∞");
        for (int k = 0; Slope(loss, labels, weights, uniform, hi) < 0; k++)
        {
            if (k > 60) throw Unbounded("+∞");
            hi *= 2;
        }
        if (Flat(loss, labels, weights, uniform, hi)) throw Unbounded("+∞");

        double b = 0.5 * (lo + hi);
        for (int k = 0; k < 200 && hi - lo > 4 * double.Epsilon; k++)
        {
            double slope = Slope(loss, labels, weights, uniform, b);
            if (slope == 0) return b;
            if (slope > 0) hi = b; else lo = b;
            double curvature = Curvature(loss, labels, weights, uniform, b);
            double next = curvature > 0 ? b - slope / curvature : double.NaN;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (next == b) return b;
            b = next;
        }
        return b;
    }

    /// <summary>Σ a_i ℓ(y_i, b), the data term of the model with w = 0 (half the null deviance for a GLM loss).</summary>
    /// <typeparam name="TLoss">The loss.</typeparam>
    /// <param name="loss">The loss.</param>
    /// <param name="labels">The labels y.</param>
    /// <param name="weights">The weights a_i, or empty for a_i = 1/n.</param>
    /// <param name="intercept">b (usually b₀).</param>
    public static double DataTerm<TLoss>(TLoss loss, ReadOnlySpan<double> labels, ReadOnlySpan<double> weights, double intercept)
        where TLoss : struct, ILoss
    {
        double uniform = 1.0 / labels.Length, s = 0;
        for (int i = 0; i < labels.Length; i++) s += (weights.IsEmpty ? uniform : weights[i]) * loss.Value(labels[i], intercept);
        return s;
    }

    private static InvalidOperationException Unbounded(string side) =>
        new($"The intercept-only model has no minimiser (the loss decreases without bound as b → {side}; for a classifier: only one class has positive weight).");

    /// <summary>A bracket end where φ′ = 0 only because it underflowed: no curvature left for a smooth loss.</summary>
    private static bool Flat<TLoss>(TLoss loss, ReadOnlySpan<double> labels, ReadOnlySpan<double> weights, double uniform, double b)
        where TLoss : struct, ILoss =>
        loss.IsTwiceDifferentiable && Slope(loss, labels, weights, uniform, b) == 0 && Curvature(loss, labels, weights, uniform, b) == 0;

    private static double Slope<TLoss>(TLoss loss, ReadOnlySpan<double> labels, ReadOnlySpan<double> weights, double uniform, double b)
        where TLoss : struct, ILoss
    {
        double s = 0;
        for (int i = 0; i < labels.Length; i++) s += (weights.IsEmpty ? uniform : weights[i]) * loss.Derivative(labels[i], b);
        return s;
    }

    private static double Curvature<TLoss>(TLoss loss, ReadOnlySpan<double> labels, ReadOnlySpan<double> weights, double uniform, double b)
        where TLoss : struct, ILoss
    {
        double s = 0;
        for (int i = 0; i < labels.Length; i++) s += (weights.IsEmpty ? uniform : weights[i]) * loss.SecondDerivative(labels[i], b);
        return s;
    }
}
