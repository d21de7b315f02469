namespace OptSuite.Objectives;

/// <summary>A pointwise loss ℓ(y, z) of a label y and a score z, implemented by readonly structs.</summary>
/// <remarks>
/// Solvers take losses as generic struct parameters (<c>where TLoss : struct, ILoss</c>) so that calls are inlined;
/// for that reason this interface has no default methods. <see cref="Value"/>, <see cref="Derivative"/> and
/// <see cref="SecondDerivative"/> do not validate the label (hot path): call <see cref="ValidateLabel"/> once per
/// data set. The conjugate is taken in the score argument: ℓ*(y, u) = sup_z (u·z − ℓ(y, z)).
/// </remarks>
public interface ILoss
{
    /// <summary>The set of labels this loss accepts.</summary>
    LabelConvention LabelConvention { get; }

    /// <summary>Throws <see cref="ArgumentException"/> (parameter name <c>label</c>) when the label is outside <see cref="LabelConvention"/>.</summary>
    /// <param name="label">The label to check.</param>
    void ValidateLabel(double label);

    /// <summary>
    /// Throws <see cref="ArgumentException"/> (parameter name <c>loss</c>) when the loss's own parameters are invalid —
    /// as they are for <c>default</c> of a parameterised loss whose zero parameter means nothing (<c>default(HuberLoss)</c>
    /// has δ = 0). Objectives call it once when they are built; the constructors of such losses already check.
    /// </summary>
    void ValidateParameters();

    /// <summary>ℓ(y, z).</summary>
    /// <param name="label">Label y.</param>
    /// <param name="score">Score z.</param>
    /// <returns>The loss value (may be +∞ only where the loss itself overflows, e.g. exp(z) for z &gt; 709).</returns>
    double Value(double label, double score);

    /// <summary>∂ℓ/∂z; at a kink, the subgradient documented by the loss.</summary>
    /// <param name="label">Label y.</param>
    /// <param name="score">Score z.</param>
    /// <returns>The derivative with respect to the score.</returns>
    double Derivative(double label, double score);

    /// <summary>∂²ℓ/∂z² where defined; at kinks the generalized value documented by the loss.</summary>
    /// <param name="label">Label y.</param>
    /// <param name="score">Score z.</param>
    /// <returns>The second derivative with respect to the score.</returns>
    double SecondDerivative(double label, double score);

    /// <summary>True when ℓ is twice continuously differentiable in the score everywhere.</summary>
    bool IsTwiceDifferentiable { get; }

    /// <summary>Fenchel conjugate ℓ*(y, u) = sup_z (u·z − ℓ(y, z)); +∞ outside <see cref="ConjugateDomain"/>.</summary>
    /// <param name="label">Label y.</param>
    /// <param name="dual">Dual variable u.</param>
    /// <returns>The conjugate value.</returns>
    double Conjugate(double label, double dual);

    /// <summary>The closed interval on which the conjugate is finite (its effective domain, closure included where finite).</summary>
    /// <param name="label">Label y.</param>
    /// <returns>The domain of ℓ*(y, ·).</returns>
    Interval ConjugateDomain(double label);

    /// <summary>Lipschitz constant of <see cref="Derivative"/> in the score; +∞ if the derivative is not Lipschitz.</summary>
    double Smoothness { get; }

    /// <summary>True when ℓ(y, ·) is convex for every valid label.</summary>
    bool IsConvex { get; }

    /// <summary>
    /// True when ℓ(y, z) = ½(y − z)²: the derivative is affine with slope 1, so a coordinate step is exact, the
    /// curvature never changes and Gram / covariance forms of the data apply. Solvers ask this, never the loss's type.
    /// </summary>
    bool IsQuadratic { get; }

    /// <summary>The loss's one-sample dual sub-problem for dual coordinate descent, or <see cref="DualCoordinateStep.None"/>.</summary>
    DualCoordinateStep DualStep { get; }
}
