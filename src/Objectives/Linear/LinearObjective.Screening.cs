using System.Numerics.Tensors;

namespace OptSuite.Objectives;

public sealed partial class LinearObjective<TLoss, TReg>
{
    /// <summary>
    /// The duality gap of <see cref="DualityGap(ReadOnlySpan{double})"/> from scores the caller already maintains, and
    /// the dual point's feature correlations c = Aᵀ(a⊙u)/s (u the balanced dual point, s its rescaling), the quantities
    /// gap-safe screening and working-set priorities compare with the penalty (Fercoq, Gramfort &amp; Salmon 2015;
    /// Massias, Gramfort &amp; Salmon 2018). One pass over the data instead of two.
    /// </summary>
    /// <param name="x">The primal point (w, then b).</param>
    /// <param name="scores">z = Aw + b + o at <paramref name="x"/> (trusted; length n).</param>
    /// <param name="dualCorrelations">Destination for c, length p.</param>
    /// <returns>F(x) − D(u/s); +∞ when no rescaling makes the dual point feasible.</returns>
    public double DualityGap(ReadOnlySpan<double> x, ReadOnlySpan<double> scores, Span<double> dualCorrelations)
    {
        CheckLength(x.Length, nameof(x));
        if (scores.Length != Samples)
            throw new ArgumentException($"scores has length {scores.Length}; there are {Samples} samples.", nameof(scores));
        if (dualCorrelations.Length != Features)
            throw new ArgumentException($"dualCorrelations has length {dualCorrelations.Length}; there are {Features} features.", nameof(dualCorrelations));
        scores.CopyTo(_scores);
        ReadOnlySpan<double> w = W(x);
        double primal = DataTerm() + RidgeTerm(w) + _reg.Value(w);
        return primal - DualValue(dualCorrelations);
    }

    /// <summary>
    /// The weighted dual point a⊙u of <see cref="DualityGap(ReadOnlySpan{double})"/> at the scores z = Aw + b + o
    /// (u_i = ℓ′(y_i, z_i), balanced for the intercept): a solver with column access forms the correlations
    /// c_j = Σ_i (a⊙u)_i A_ij itself, over the columns it still needs, for <see cref="DualityGapFromCorrelations(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>.
    /// </summary>
    /// <param name="scores">z = Aw + b + o (trusted; length n).</param>
    /// <param name="destination">a⊙u, length n.</param>
    public void WeightedDualPoint(ReadOnlySpan<double> scores, Span<double> destination)
    {
        CheckScores(scores);
        if (destination.Length != Samples)
            throw new ArgumentException($"destination has length {destination.Length}; there are {Samples} samples.", nameof(destination));
        scores.CopyTo(_scores);
        DualPoint(destination);
        if (_weights is null) TensorPrimitives.Multiply(destination, _uniformWeight, destination);
        else TensorPrimitives.Multiply(destination, _weights, destination);
    }

    /// <summary>
    /// F(x) − D(u/s) from the caller's correlations c = Aᵀ(a⊙u) of <see cref="WeightedDualPoint"/> at the same scores,
    /// which are divided in place by the rescaling s (as <see cref="DualityGap(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>
    /// returns them). A feature the caller has eliminated — w_j = 0 and proven zero at every optimum, as gap-safe
    /// screening does — may carry c_j = 0 without its column being read: the result is then the gap of the reduced
    /// problem, whose optimum value is F*, so it bounds F(x) − F* as the full gap does (and is usually smaller: the dual
    /// point needs less rescaling).
    /// </summary>
    /// <param name="x">The primal point (w, then b).</param>
    /// <param name="scores">z = Aw + b + o at <paramref name="x"/> (trusted; length n).</param>
    /// <param name="correlations">c on entry (trusted; length p), c/s on return.</param>
    public double DualityGapFromCorrelations(ReadOnlySpan<double> x, ReadOnlySpan<double> scores, Span<double> correlations) =>
        DualityGapFromCorrelations(x, scores, correlations, out _);

    /// <summary>
    /// Whether <see cref="DualityGapFromCorrelations(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/> may
    /// change every correlation, not only rescale it: with unpenalised coordinates and no ridge term the dual point is
    /// projected onto their constraints, which moves the correlations of all features, so a caller that keeps some of
    /// them at zero (screened features) must zero them again.
    /// </summary>
    public bool RewritesCorrelations => _projection is not null;

    /// <inheritdoc cref="DualityGapFromCorrelations(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>
    /// <param name="x">The primal point (w, then b).</param>
    /// <param name="scores">z = Aw + b + o at <paramref name="x"/> (trusted; length n).</param>
    /// <param name="correlations">c on entry (trusted; length p), c/s on return.</param>
    /// <param name="value">F(x), computed on the way.</param>
    public double DualityGapFromCorrelations(ReadOnlySpan<double> x, ReadOnlySpan<double> scores, Span<double> correlations, out double value)
    {
        CheckLength(x.Length, nameof(x));
        CheckScores(scores);
        if (correlations.Length != Features)
            throw new ArgumentException($"correlations has length {correlations.Length}; there are {Features} features.", nameof(correlations));
        scores.CopyTo(_scores);
        ReadOnlySpan<double> w = W(x);
        double primal = DataTerm() + RidgeTerm(w) + _reg.Value(w);
        value = primal;
        Span<double> u = _residual;
        DualPoint(u);
        Span<double> v = _scratchP;
        TensorPrimitives.Negate(correlations, v);
        return primal - DualValueAt(u, v, correlations);
    }

    /// <summary>
    /// The data term Σ a_i ℓ(y_i, z_i) at the caller's scores (checked and copied), leaving the balanced dual point u in
    /// <c>LossDualPoint</c>: the shared first half of the gaps from correlations.
    /// </summary>
    internal double DataTermAndDualPoint(ReadOnlySpan<double> x, ReadOnlySpan<double> scores)
    {
        CheckLength(x.Length, nameof(x));
        CheckScores(scores);
        scores.CopyTo(_scores);
        double data = DataTerm();
        DualPoint(_residual);
        return data;
    }

    /// <summary>The dual point u left by <see cref="DataTermAndDualPoint"/> (valid until the next evaluation).</summary>
    internal ReadOnlySpan<double> LossDualPoint => _residual;

    private void CheckScores(ReadOnlySpan<double> scores)
    {
        if (scores.Length != Samples)
            throw new ArgumentException($"scores has length {scores.Length}; there are {Samples} samples.", nameof(scores));
    }
}
