namespace OptSuite.Objectives;

/// <summary>
/// F(x) = f(x) + g(x): f smooth with an L-Lipschitz gradient (the <see cref="IDifferentiableFunction"/> members), g
/// convex with a cheap prox. The form proximal gradient (ISTA/FISTA) solves.
/// </summary>
public interface ICompositeFunction : IDifferentiableFunction, IDualityGapProvider
{
    /// <summary>An upper bound on the Lipschitz constant of ∇f; +∞ when unknown (solvers then backtrack).</summary>
    double SmoothLipschitz { get; }

    /// <summary>
    /// True when minimising <see cref="IDifferentiableFunction.Value"/> alone would solve a different problem: g is not
    /// identically zero, or f itself is not differentiable (a hinge loss). Solvers for smooth functions (L-BFGS) refuse
    /// such an objective instead of silently dropping g; false when F = f is smooth, so they may minimise it as it is.
    /// </summary>
    bool HasNonsmoothPart { get; }

    /// <summary>g(x).</summary>
    double NonsmoothValue(ReadOnlySpan<double> x);

    /// <summary>
    /// prox_{step·g}(v) = argmin_z g(z) + ‖z − v‖²/(2·step), written into <paramref name="result"/> (which may alias
    /// <paramref name="v"/>); returns g(result).
    /// </summary>
    double Prox(ReadOnlySpan<double> v, double step, Span<double> result);
}
