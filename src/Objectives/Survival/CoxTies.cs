namespace OptSuite.Objectives.Survival;

/// <summary>How the Cox partial likelihood treats several events at one time.</summary>
public enum CoxTies
{
    /// <summary>Breslow (1974): every tied event sees the whole risk set (glmnet's only method; survival's ties = "breslow").</summary>
    Breslow,

    /// <summary>Efron (1977): the r-th of d tied events sees the risk set minus r/d of the tied events' weight
    /// (survival::coxph's default).</summary>
    Efron,
}
