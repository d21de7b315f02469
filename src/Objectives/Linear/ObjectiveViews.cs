using OptSuite.Prox;

namespace OptSuite.Objectives;

/// <summary>The whole objective f + R as one smooth function (R differentiable), for L-BFGS.</summary>
/// <param name="owner">The composite objective (f smooth, g = R on the first <paramref name="penalized"/> entries).</param>
/// <param name="penalized">How many leading entries of x R applies to.</param>
/// <param name="regularizer">R, boxed once.</param>
internal sealed class SmoothObjectiveView(ICompositeFunction owner, int penalized, ISmoothRegularizer regularizer)
    : IDifferentiableFunction, IDualityGapProvider
{
    public int Dimension => owner.Dimension;

    public double Value(ReadOnlySpan<double> x) => owner.Value(x) + regularizer.Value(x[..penalized]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double f = owner.ValueAndGradient(x, gradient);
        return f + regularizer.ValueAddGradient(x[..penalized], gradient[..penalized]);
    }

    public bool HasDualityGap => owner.HasDualityGap;

    public double DualityGap(ReadOnlySpan<double> x) => owner.DualityGap(x);

    /// <summary>Builds the view, or explains why the regulariser is not differentiable.</summary>
    public static SmoothObjectiveView Create<TReg>(ICompositeFunction owner, int penalized, TReg regularizer)
        where TReg : struct, IRegularizer
    {
        if ((object)regularizer is ISmoothRegularizer smooth) return new SmoothObjectiveView(owner, penalized, smooth);
        if (IsZero(regularizer)) return new SmoothObjectiveView(owner, penalized, default(Prox.Regularizers.ZeroRegularizer));
        throw new InvalidOperationException($"{typeof(TReg).Name} is not differentiable; use proximal gradient (or OWL-QN for L1).");
    }

    /// <summary>Whether R ≡ 0: no regulariser, or a weighted L1 penalty of strength 0 (e.g. an elastic net built with
    /// l1Ratio = 0), which reports itself smooth.</summary>
    public static bool IsZero<TReg>(TReg regularizer) where TReg : struct, IRegularizer =>
        (object)regularizer is Prox.Regularizers.ZeroRegularizer || (regularizer.IsSmooth && (object)regularizer is IWeightedL1Regularizer);
}

/// <summary>f + Σ_j λ_j|x_j| in the form OWL-QN solves (unpenalised entries such as intercepts get λ = 0).</summary>
/// <param name="owner">The composite objective.</param>
/// <param name="weights">λ_j for every entry of x.</param>
internal sealed class L1ObjectiveView(ICompositeFunction owner, double[] weights) : IL1CompositeFunction, IDualityGapProvider
{
    public int Dimension => owner.Dimension;

    public ReadOnlySpan<double> L1Weights => weights;

    public double Value(ReadOnlySpan<double> x) => owner.Value(x);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient) => owner.ValueAndGradient(x, gradient);

    public bool HasDualityGap => owner.HasDualityGap;

    public double DualityGap(ReadOnlySpan<double> x) => owner.DualityGap(x);

    /// <summary>Builds the view, or explains why the regulariser is not a weighted L1 norm.</summary>
    public static L1ObjectiveView Create<TReg>(ICompositeFunction owner, int penalized, TReg regularizer)
        where TReg : struct, IRegularizer
    {
        var weights = new double[owner.Dimension];
        // R ≡ 0 is the weighted L1 norm with zero weights: OWL-QN then runs as L-BFGS on f.
        if (SmoothObjectiveView.IsZero(regularizer)) return new L1ObjectiveView(owner, weights);
        if ((object)regularizer is not IWeightedL1Regularizer l1)
            throw new InvalidOperationException($"{typeof(TReg).Name} is not a weighted L1 penalty; OWL-QN solves f + Σλ_j|w_j| only.");
        l1.GetWeights(weights.AsSpan(0, penalized));
        return new L1ObjectiveView(owner, weights);
    }
}
