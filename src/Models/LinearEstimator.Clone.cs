namespace OptSuite.Models;

public abstract partial class LinearEstimator
{
    /// <summary>
    /// A new, unfitted estimator of the same type with the same options — scikit-learn's <c>sklearn.base.clone</c>. Fit it
    /// without touching this one: a caller that fits one configuration many times (cross-validation folds, the ML.NET
    /// trainers of OptSuite.MLNet) keeps every fitted model apart. The copy is shallow: options that are objects (the
    /// observer, checkpoints, group sizes) are shared, as the estimator never modifies them.
    /// </summary>
    public LinearEstimator Clone()
    {
        var copy = (LinearEstimator)MemberwiseClone();
        copy.ClearFit();
        return copy;
    }

    /// <summary>Forgets the fitted state (coefficients, intercepts, shape, report; classes in classifiers).</summary>
    private protected virtual void ClearFit()
    {
        _coef = null;
        _intercepts = [];
        FeatureCount = 0;
        OutputCount = 0;
        Report = null;
    }
}
