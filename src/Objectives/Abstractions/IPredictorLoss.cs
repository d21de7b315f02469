namespace OptSuite.Objectives;

/// <summary>
/// A convex, twice-differentiable loss L(η) of the whole linear predictor η = Xβ that does not split into a sum of
/// pointwise losses ℓ(y_i, η_i): the Cox partial likelihood couples the samples through its risk sets. Solvers see it
/// through <see cref="PredictorObjective"/>; the proximal-Newton solver also reads the diagonal of ∇²L.
/// </summary>
/// <remarks>Evaluations allocate nothing; η is never modified; non-finite results are returned, not thrown.</remarks>
public interface IPredictorLoss
{
    /// <summary>n, the length of η.</summary>
    int Samples { get; }

    /// <summary>L(η).</summary>
    /// <param name="eta">The linear predictor, length n.</param>
    double Value(ReadOnlySpan<double> eta);

    /// <summary>L(η), writing ∇L(η) into <paramref name="gradient"/> (length n).</summary>
    /// <param name="eta">The linear predictor.</param>
    /// <param name="gradient">∇L(η).</param>
    double ValueAndGradient(ReadOnlySpan<double> eta, Span<double> gradient);

    /// <summary>L(η), writing ∇L(η) and the diagonal of ∇²L(η) (length n each).</summary>
    /// <param name="eta">The linear predictor.</param>
    /// <param name="gradient">∇L(η).</param>
    /// <param name="hessianDiagonal">diag ∇²L(η), ≥ 0.</param>
    double ValueGradientHessianDiagonal(ReadOnlySpan<double> eta, Span<double> gradient, Span<double> hessianDiagonal);
}
