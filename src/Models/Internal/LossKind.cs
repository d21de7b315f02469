namespace OptSuite.Models.Internal;

/// <summary>The losses of the regularisation paths (squared: lasso / elastic net; logistic: L1 logistic; multinomial:
/// the softmax path, solved by <see cref="MultinomialPath"/> itself).</summary>
internal enum LossKind
{
    Squared,
    Logistic,
    Multinomial,

    /// <summary>The Cox partial likelihood (<see cref="CoxPath"/>; not a pointwise loss, so not a <see cref="Paths.PathProblem"/>).</summary>
    CoxPartialLikelihood,
}
