using OptSuite.Objectives.Functions;

namespace OptSuite.Objectives.Losses;

/// <summary>Log-cosh loss ℓ(y, z) = log cosh(z − y).</summary>
/// <remarks>Evaluated as |r| + log1p(e^−2|r|) − log 2 so it never overflows. ℓ′ = tanh r, ℓ″ = 1 − tanh² r, L = 1;
/// ℓ*(y, u) = u·y + ½[(1 + u)log(1 + u) + (1 − u)log(1 − u)] on [−1, 1] (log 2 at the ends).</remarks>
public readonly struct LogCoshLoss : ILoss
{
    /// <inheritdoc/>
    public LabelConvention LabelConvention => LabelConvention.Regression;
    /// <inheritdoc/>
    public void ValidateLabel(double label) => Objectives.Labels.Validate(LabelConvention.Regression, label);
    /// <inheritdoc/>
    public void ValidateParameters() { }
    /// <inheritdoc/>
    public double Value(double label, double score)
    {
        double a = Math.Abs(score - label);
        if (a < 1e-4) return 0.5 * a * a * (1.0 - a * a / 6.0);
        return a + StableFunctions.Log1p(Math.Exp(-2.0 * a)) - Math.Log(2.0);
    }
    /// <inheritdoc/>
    public double Derivative(double label, double score) => Math.Tanh(score - label);
    /// <inheritdoc/>
    public double SecondDerivative(double label, double score)
    {
        // 1 − tanh² r = 4e^−2|r| / (1 + e^−2|r|)², without cancellation for large |r|.
        double e = Math.Exp(-2.0 * Math.Abs(score - label));
        double d = 1.0 + e;
        return 4.0 * e / (d * d);
    }
    /// <inheritdoc/>
    public bool IsTwiceDifferentiable => true;
    /// <inheritdoc/>
    public double Conjugate(double label, double dual)
    {
        if (!(Math.Abs(dual) <= 1.0)) return double.PositiveInfinity;
        return dual * label + 0.5 * (StableFunctions.XLogX(1.0 + dual) + StableFunctions.XLogX(1.0 - dual));
    }
    /// <inheritdoc/>
    public Interval ConjugateDomain(double label) => new(-1.0, 1.0);
    /// <inheritdoc/>
    public double Smoothness => 1.0;
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.None;
}
