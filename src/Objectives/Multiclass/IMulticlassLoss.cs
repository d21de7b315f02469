namespace OptSuite.Objectives.Multiclass;

/// <summary>A multiclass loss ℓ(y, s) of an integer label y ∈ {0, …, K − 1} and a score vector s ∈ ℝᴷ.</summary>
/// <remarks>Implemented by readonly structs, used as generic parameters (<c>where TLoss : struct, IMulticlassLoss</c>);
/// no default methods. <see cref="Value"/> and <see cref="ValueAndGradient"/> do not validate; call
/// <see cref="ValidateLabel"/> once per data set. Neither allocates.</remarks>
public interface IMulticlassLoss
{
    /// <summary>ℓ(y, s).</summary>
    /// <param name="label">Class index y.</param>
    /// <param name="scores">Scores s (length K ≥ 1).</param>
    /// <returns>The loss value.</returns>
    double Value(int label, ReadOnlySpan<double> scores);

    /// <summary>ℓ(y, s), writing ∇_s ℓ (a subgradient where ℓ is not differentiable) to <paramref name="gradient"/>.</summary>
    /// <param name="label">Class index y.</param>
    /// <param name="scores">Scores s.</param>
    /// <param name="gradient">Destination of length K (must not alias <paramref name="scores"/>).</param>
    /// <returns>The loss value.</returns>
    double ValueAndGradient(int label, ReadOnlySpan<double> scores, Span<double> gradient);

    /// <summary>Throws <see cref="ArgumentException"/> (parameter <c>label</c>) unless 0 ≤ label &lt; classCount.</summary>
    /// <param name="label">Class index.</param>
    /// <param name="classCount">Number of classes K.</param>
    void ValidateLabel(int label, int classCount);

    /// <summary>True when ℓ(y, ·) is convex.</summary>
    bool IsConvex { get; }

    /// <summary>True when ℓ(y, ·) is differentiable everywhere.</summary>
    bool IsDifferentiable { get; }
}
