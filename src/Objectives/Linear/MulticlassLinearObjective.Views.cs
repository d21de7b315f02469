namespace OptSuite.Objectives;

public sealed partial class MulticlassLinearObjective<TLoss, TReg>
{
    /// <summary>The whole objective as one smooth function, for L-BFGS (R differentiable, loss differentiable).</summary>
    public IDifferentiableFunction AsSmooth()
    {
        if (!_loss.IsDifferentiable)
            throw new InvalidOperationException($"{typeof(TLoss).Name} is not differentiable; L-BFGS needs a smooth loss.");
        return SmoothObjectiveView.Create(this, WeightCount, _reg);
    }

    /// <inheritdoc/>
    public bool HasNonsmoothPart => !_loss.IsDifferentiable || !SmoothObjectiveView.IsZero(_reg);

    /// <summary>f + Σλ_j|W_j| for OWL-QN (intercepts get weight 0); needs a weighted L1 penalty.</summary>
    public IL1CompositeFunction AsL1Composite()
    {
        if (!_loss.IsDifferentiable)
            throw new InvalidOperationException($"{typeof(TLoss).Name} is not differentiable; OWL-QN needs a smooth loss.");
        return L1ObjectiveView.Create(this, WeightCount, _reg);
    }
}
