namespace OptSuite.Models.Internal;

/// <summary>The losses of the regularisation paths (squared: lasso / elastic net; logistic: L1 logistic; multinomial:
/// the softmax path, solved by <see cref="MultinomialPath"/> itself).</summary>
internal enum LossKind
{
    Squared,
    Logistic,
    Multinomial,
}
