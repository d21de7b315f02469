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
        if ((object)_reg is not ISmoothRegularizer smooth)
            throw new InvalidOperationException($"{typeof(TReg).Name} is not differentiable; use proximal gradient (or OWL-QN for L1).");
        if (double.IsPositiveInfinity(_loss.Smoothness) && !_loss.IsTwiceDifferentiable)
            throw new InvalidOperationException($"{typeof(TLoss).Name} is not differentiable; L-BFGS needs a smooth loss.");
        return new SmoothView(this, smooth);
    }

    /// <summary>
    /// F = f + Σ_j λ_j|w_j| in the form OWL-QN solves (the intercept gets weight 0). Needs an
    /// <see cref="IWeightedL1Regularizer"/>; the ridge part of an elastic net is already in f.
    /// </summary>
    public IL1CompositeFunction AsL1Composite()
    {
        if ((object)_reg is not IWeightedL1Regularizer l1)
            throw new InvalidOperationException($"{typeof(TReg).Name} is not a weighted L1 penalty; OWL-QN solves f + Σλ_j|w_j| only.");
        var weights = new double[Dimension];
        l1.GetWeights(weights.AsSpan(0, Features));
        return new L1View(this, weights);
    }

    private sealed class SmoothView(LinearObjective<TLoss, TReg> owner, ISmoothRegularizer reg) : IDifferentiableFunction, IDualityGapProvider
    {
        public int Dimension => owner.Dimension;
        public double Value(ReadOnlySpan<double> x) => owner.Value(x) + reg.Value(x[..owner.Features]);
        public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
        {
            double f = owner.ValueAndGradient(x, gradient);
            return f + reg.ValueAddGradient(x[..owner.Features], gradient[..owner.Features]);
        }
        public bool HasDualityGap => owner.HasDualityGap;
        public double DualityGap(ReadOnlySpan<double> x) => owner.DualityGap(x);
    }

    private sealed class L1View(LinearObjective<TLoss, TReg> owner, double[] weights) : IL1CompositeFunction, IDualityGapProvider
    {
        public int Dimension => owner.Dimension;
        public ReadOnlySpan<double> L1Weights => weights;
        public double Value(ReadOnlySpan<double> x) => owner.Value(x);
        public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient) => owner.ValueAndGradient(x, gradient);
        public bool HasDualityGap => owner.HasDualityGap;
        public double DualityGap(ReadOnlySpan<double> x) => owner.DualityGap(x);
    }
}
