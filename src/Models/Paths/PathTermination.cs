namespace OptSuite.Models;

/// <summary>Why a <see cref="RegularizationPath"/> ended where it did.</summary>
public enum PathTermination
{
    /// <summary>Every λ of the grid was solved.</summary>
    Completed,

    /// <summary>glmnet's rule: the deviance explained exceeded 0.999 (the model fits the data almost exactly).</summary>
    DevianceSaturated,

    /// <summary>glmnet's rule: the deviance explained grew by less than 10⁻⁵ (relative for squared loss, absolute for
    /// logistic) from the previous λ, so smaller λ change the fit no more.</summary>
    DevianceChangeSmall,

    /// <summary>The cancellation token fired; the points solved so far are kept (the last one reports Cancelled).</summary>
    Cancelled,
}
