namespace OptSuite.Solvers;

/// <summary>How proximal gradient chooses its step η.</summary>
public enum StepSizeRule
{
    /// <summary>
    /// Backtracking on the sufficient-decrease condition f(x⁺) ≤ f(y) + ⟨∇f(y), x⁺ − y⟩ + ‖x⁺ − y‖²/(2η), with the
    /// step allowed to grow again between iterations. Works without a known Lipschitz constant.
    /// </summary>
    Backtracking,

    /// <summary>η = 1/L with L the objective's <c>SmoothLipschitz</c> bound (which must be finite).</summary>
    Constant,
}
