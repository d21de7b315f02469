namespace OptSuite.Models.Internal;

/// <summary>The losses of the regularisation paths (squared: lasso / elastic net; logistic: L1 logistic; the log-link
/// deviances of Poisson, Gamma and Tweedie regression).</summary>
internal enum LossKind
{
    Squared,
    Logistic,
    Poisson,
    Gamma,
    Tweedie,
}
