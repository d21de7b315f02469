using OptSuite.Prox;

namespace OptSuite.Objectives;

public sealed partial class LinearObjective<TLoss, TReg>
{
    /// <summary>
    /// The whole objective F = f + R as one smooth function, for L-BFGS. Needs R differentiable
    /// (<see cref="ISmoothRegularizer"/>: none or squared L2) and a differentiable loss.
    /// </summary>
    public IDifferentiableFunction AsSmooth()
    {
        if (!LossIsDifferentiable)
            throw new InvalidOperationException($"{typeof(TLoss).Name} is not differentiable; L-BFGS needs a smooth loss.");
        return SmoothObjectiveView.Create(this, Features, _reg);
    }

    /// <inheritdoc/>
    public bool HasNonsmoothPart => !LossIsDifferentiable || !SmoothObjectiveView.IsZero(_reg);

    private bool LossIsDifferentiable => _loss.IsTwiceDifferentiable || double.IsFinite(_loss.Smoothness);

    /// <summary>
    /// F = f + Σ_j λ_j|w_j| in the form OWL-QN solves (the intercept gets weight 0). Needs an
    /// <see cref="IWeightedL1Regularizer"/>; the ridge part of an elastic net is already in f.
    /// </summary>
    public IL1CompositeFunction AsL1Composite()
    {
        if (!LossIsDifferentiable)
            throw new InvalidOperationException($"{typeof(TLoss).Name} is not differentiable; OWL-QN needs a smooth loss.");
        return L1ObjectiveView.Create(this, Features, _reg);
    }
}
