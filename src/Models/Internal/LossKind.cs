namespace OptSuite.Models.Internal;

/// <summary>The losses of the regularisation paths (squared: lasso / elastic net; logistic: L1 logistic).</summary>
internal enum LossKind
{
    Squared,
    Logistic,
}
