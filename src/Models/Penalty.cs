namespace OptSuite.Models;

/// <summary>The penalty on the coefficients: λ(α‖w‖₁ + (1 − α)/2‖w‖²) with α = 0 (L2), 1 (L1) or the L1 ratio.</summary>
public enum Penalty
{
    /// <summary>(λ/2)‖w‖² (ridge).</summary>
    L2,

    /// <summary>λ‖w‖₁ (lasso).</summary>
    L1,

    /// <summary>λ(α‖w‖₁ + (1 − α)/2‖w‖²) with α = <c>L1Ratio</c> (scikit-learn's l1_ratio, glmnet's alpha).</summary>
    ElasticNet,
}
