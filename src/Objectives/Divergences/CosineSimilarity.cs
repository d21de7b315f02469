namespace OptSuite.Objectives.Divergences;

/// <summary>Cosine similarity cos(a, b) = ⟨a, b⟩/(‖a‖‖b‖) and the cosine loss 1 − cos(a, b).</summary>
/// <remarks>∂cos/∂a = b/(‖a‖‖b‖) − cos·a/‖a‖²; the loss gradient is its negative. A zero vector has no direction:
/// <see cref="ArgumentException"/>.</remarks>
public static class CosineSimilarity
{
    /// <summary>cos(a, b), writing ∂cos/∂a and ∂cos/∂b (either may be empty).</summary>
    /// <param name="a">First vector (non-zero).</param>
    /// <param name="b">Second vector (non-zero), same length.</param>
    /// <param name="gradientA">∂cos/∂a, or empty.</param>
    /// <param name="gradientB">∂cos/∂b, or empty.</param>
    /// <returns>The similarity in [−1, 1].</returns>
    public static double ValueAndGradient(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> gradientA, Span<double> gradientB)
    {
        if (a.IsEmpty) throw new ArgumentException("Vectors must not be empty.", nameof(a));
        if (b.Length != a.Length) throw new ArgumentException($"Length of b ({b.Length}) differs from length of a ({a.Length}).", nameof(b));
        if (gradientA.Length != 0 && gradientA.Length != a.Length) throw new ArgumentException("Gradient length differs from the vectors.", nameof(gradientA));
        if (gradientB.Length != 0 && gradientB.Length != a.Length) throw new ArgumentException("Gradient length differs from the vectors.", nameof(gradientB));
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++) { ab += a[i] * b[i]; aa += a[i] * a[i]; bb += b[i] * b[i]; }
        if (aa == 0) throw new ArgumentException("Cosine similarity of a zero vector is undefined.", nameof(a));
        if (bb == 0) throw new ArgumentException("Cosine similarity of a zero vector is undefined.", nameof(b));
        double na = Math.Sqrt(aa), nb = Math.Sqrt(bb);
        double cos = Math.Clamp(ab / (na * nb), -1.0, 1.0);
        for (int i = 0; i < gradientA.Length; i++) gradientA[i] = b[i] / (na * nb) - cos * a[i] / aa;
        for (int i = 0; i < gradientB.Length; i++) gradientB[i] = a[i] / (na * nb) - cos * b[i] / bb;
        return cos;
    }

    /// <summary>Cosine loss 1 − cos(a, b), writing its gradients (either may be empty).</summary>
    /// <param name="a">First vector (non-zero).</param>
    /// <param name="b">Second vector (non-zero).</param>
    /// <param name="gradientA">∂loss/∂a, or empty.</param>
    /// <param name="gradientB">∂loss/∂b, or empty.</param>
    /// <returns>The loss in [0, 2].</returns>
    public static double LossAndGradient(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> gradientA, Span<double> gradientB)
    {
        double cos = ValueAndGradient(a, b, gradientA, gradientB);
        for (int i = 0; i < gradientA.Length; i++) gradientA[i] = -gradientA[i];
        for (int i = 0; i < gradientB.Length; i++) gradientB[i] = -gradientB[i];
        return 1.0 - cos;
    }
}
