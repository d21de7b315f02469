namespace OptSuite.Models.Internal;

/// <summary>The losses of the regularisation paths (squared: lasso / elastic net; logistic: L1 logistic; the log-link
/// deviances of Poisson, Gamma and Tweedie regression; multinomial: the softmax path, solved by <see cref="MultinomialPath"/>
/// itself; the Cox partial likelihood, solved by <see cref="CoxPath"/>).</summary>
internal enum LossKind
{
    Squared,
    Logistic,
    Poisson,
    Gamma,
    Tweedie,
    Multinomial,

    /// <summary>The Cox partial likelihood (<see cref="CoxPath"/>; not a pointwise loss, so not a <see cref="Paths.PathProblem"/>).</summary>
    CoxPartialLikelihood,
}
