namespace OptSuite.Objectives;

/// <summary>
/// A differentiable function f: ℝᵈ → ℝ, as gradient-based solvers (L-BFGS, the smooth part of proximal gradient)
/// see it. Objectives with an intercept include it in x (the objective documents the packing).
/// </summary>
/// <remarks>Evaluations allocate nothing; x is never modified; non-finite results are returned, not thrown.</remarks>
public interface IDifferentiableFunction
{
    /// <summary>d, the length of x.</summary>
    int Dimension { get; }

    /// <summary>f(x).</summary>
    double Value(ReadOnlySpan<double> x);

    /// <summary>f(x), writing ∇f(x) into <paramref name="gradient"/> (length <see cref="Dimension"/>), in one pass.</summary>
    double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient);
}
