using System.Numerics;
using System.Runtime.InteropServices;
using OptSuite.Objectives.Losses;

namespace OptSuite.Objectives;

/// <summary>Batch evaluation of a pointwise loss over spans: Σ_i c_i·ℓ(y_i, z_i) and the derivatives c_i·ℓ′(y_i, z_i).</summary>
/// <remarks>
/// Generic over the loss struct so the JIT specialises each loop. <see cref="SquaredLoss"/>, <see cref="LogisticLoss"/>
/// and <see cref="HingeLoss"/> take hand-vectorised <see cref="Vector{T}"/> paths (the <c>typeof</c> tests are
/// constants per instantiation and fold away); the logistic path uses softplus(x) = max(x, 0) + log1p(e^−|x|) with
/// log1p computed by Goldberg's correction, so it stays stable for |z| up to 1e308. Nothing here allocates.
/// Labels are not validated (call <see cref="ILoss.ValidateLabel"/> once per data set).
/// </remarks>
public static class LossBatch
{
    /// <summary>Σ_i ℓ(y_i, z_i).</summary>
    /// <typeparam name="TLoss">Loss type.</typeparam>
    /// <param name="loss">The loss.</param>
    /// <param name="labels">Labels y.</param>
    /// <param name="scores">Scores z, same length.</param>
    /// <returns>The sum of the losses.</returns>
    public static double Sum<TLoss>(in TLoss loss, ReadOnlySpan<double> labels, ReadOnlySpan<double> scores)
        where TLoss : struct, ILoss
    {
        Check(labels.Length, scores.Length, -1, -1);
        return Run(loss, labels, scores, default, default, weighted: false, derivatives_: false);
    }

    /// <summary>Σ_i c_i·ℓ(y_i, z_i).</summary>
    /// <typeparam name="TLoss">Loss type.</typeparam>
    /// <param name="loss">The loss.</param>
    /// <param name="labels">Labels y.</param>
    /// <param name="scores">Scores z, same length.</param>
    /// <param name="weights">Sample weights c, same length.</param>
    /// <returns>The weighted sum of the losses.</returns>
    public static double Sum<TLoss>(in TLoss loss, ReadOnlySpan<double> labels, ReadOnlySpan<double> scores, ReadOnlySpan<double> weights)
        where TLoss : struct, ILoss
    {
        Check(labels.Length, scores.Length, weights.Length, -1);
        return Run(loss, labels, scores, weights, default, weighted: true, derivatives_: false);
    }

    /// <summary>Σ_i ℓ(y_i, z_i), writing ℓ′(y_i, z_i) to <paramref name="derivatives"/>.</summary>
    /// <typeparam name="TLoss">Loss type.</typeparam>
    /// <param name="loss">The loss.</param>
    /// <param name="labels">Labels y.</param>
    /// <param name="scores">Scores z, same length.</param>
    /// <param name="derivatives">Destination for the derivatives, same length (may alias <paramref name="scores"/>).</param>
    /// <returns>The sum of the losses.</returns>
    public static double ValueAndDerivative<TLoss>(in TLoss loss, ReadOnlySpan<double> labels, ReadOnlySpan<double> scores, Span<double> derivatives)
        where TLoss : struct, ILoss
    {
        Check(labels.Length, scores.Length, -1, derivatives.Length);
        return Run(loss, labels, scores, default, derivatives, weighted: false, derivatives_: true);
    }

    /// <summary>Σ_i c_i·ℓ(y_i, z_i), writing c_i·ℓ′(y_i, z_i) to <paramref name="derivatives"/>.</summary>
    /// <typeparam name="TLoss">Loss type.</typeparam>
    /// <param name="loss">The loss.</param>
    /// <param name="labels">Labels y.</param>
    /// <param name="scores">Scores z, same length.</param>
    /// <param name="weights">Sample weights c, same length.</param>
    /// <param name="derivatives">Destination for the weighted derivatives, same length.</param>
    /// <returns>The weighted sum of the losses.</returns>
    public static double ValueAndDerivative<TLoss>(in TLoss loss, ReadOnlySpan<double> labels, ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, Span<double> derivatives)
        where TLoss : struct, ILoss
    {
        Check(labels.Length, scores.Length, weights.Length, derivatives.Length);
        return Run(loss, labels, scores, weights, derivatives, weighted: true, derivatives_: true);
    }

    /// <summary>
    /// c_i·ℓ′(y_i, z_i) into <paramref name="derivatives"/> and c_i·ℓ″(y_i, z_i) into <paramref name="curvatures"/> in one
    /// pass: what a Newton step needs at a new point. The logistic loss evaluates one exponential per row for both
    /// (vectorised), the squared loss none; other losses call <see cref="ILoss.Derivative"/> and
    /// <see cref="ILoss.SecondDerivative"/>.
    /// </summary>
    /// <typeparam name="TLoss">Loss type.</typeparam>
    /// <param name="loss">The loss.</param>
    /// <param name="labels">Labels y.</param>
    /// <param name="scores">Scores z, same length.</param>
    /// <param name="weights">Sample weights c, same length.</param>
    /// <param name="derivatives">Destination for the weighted first derivatives, same length.</param>
    /// <param name="curvatures">Destination for the weighted second derivatives, same length.</param>
    public static void DerivativesAndCurvatures<TLoss>(in TLoss loss, ReadOnlySpan<double> labels, ReadOnlySpan<double> scores,
        ReadOnlySpan<double> weights, Span<double> derivatives, Span<double> curvatures)
        where TLoss : struct, ILoss
    {
        Check(labels.Length, scores.Length, weights.Length, derivatives.Length);
        if (curvatures.Length != labels.Length)
            throw new ArgumentException($"Curvatures length {curvatures.Length} differs from labels length {labels.Length}.", nameof(curvatures));
        int n = labels.Length, i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count &&
            (typeof(TLoss) == typeof(LogisticLoss) || typeof(TLoss) == typeof(SquaredLoss)))
        {
            var y = MemoryMarshal.Cast<double, Vector<double>>(labels);
            var z = MemoryMarshal.Cast<double, Vector<double>>(scores);
            var c = MemoryMarshal.Cast<double, Vector<double>>(weights);
            var d = MemoryMarshal.Cast<double, Vector<double>>(derivatives);
            var h = MemoryMarshal.Cast<double, Vector<double>>(curvatures);
            for (int k = 0; k < y.Length; k++)
            {
                Vector<double> g, curvature;
                if (typeof(TLoss) == typeof(LogisticLoss)) VectorKernels.LogisticDerivatives(y[k], z[k], out g, out curvature);
                else { g = z[k] - y[k]; curvature = Vector<double>.One; }
                d[k] = c[k] * g;
                h[k] = c[k] * curvature;
            }
            i = y.Length * Vector<double>.Count;
        }
        for (; i < n; i++)
        {
            derivatives[i] = weights[i] * loss.Derivative(labels[i], scores[i]);
            curvatures[i] = weights[i] * loss.SecondDerivative(labels[i], scores[i]);
        }
    }

    private static double Run<TLoss>(in TLoss loss, ReadOnlySpan<double> labels, ReadOnlySpan<double> scores,
        ReadOnlySpan<double> weights, Span<double> derivatives, bool weighted, bool derivatives_)
        where TLoss : struct, ILoss
    {
        int n = labels.Length, i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count &&
            (typeof(TLoss) == typeof(SquaredLoss) || typeof(TLoss) == typeof(LogisticLoss) || typeof(TLoss) == typeof(HingeLoss)))
        {
            var y = MemoryMarshal.Cast<double, Vector<double>>(labels);
            var z = MemoryMarshal.Cast<double, Vector<double>>(scores);
            var c = weighted ? MemoryMarshal.Cast<double, Vector<double>>(weights) : default;
            var d = derivatives_ ? MemoryMarshal.Cast<double, Vector<double>>(derivatives) : default;
            var acc = Vector<double>.Zero;
            for (int k = 0; k < y.Length; k++)
            {
                Vector<double> v, g;
                if (typeof(TLoss) == typeof(SquaredLoss)) VectorKernels.Squared(y[k], z[k], out v, out g);
                else if (typeof(TLoss) == typeof(LogisticLoss)) VectorKernels.Logistic(y[k], z[k], out v, out g);
                else VectorKernels.Hinge(y[k], z[k], out v, out g);
                if (weighted) { v *= c[k]; g *= c[k]; }
                acc += v;
                if (derivatives_) d[k] = g;
            }
            sum = Vector.Sum(acc);
            i = y.Length * Vector<double>.Count;
        }
        for (; i < n; i++)
        {
            double w = weighted ? weights[i] : 1.0;
            sum += w * loss.Value(labels[i], scores[i]);
            if (derivatives_) derivatives[i] = w * loss.Derivative(labels[i], scores[i]);
        }
        return sum;
    }

    private static void Check(int labels, int scores, int weights, int derivatives)
    {
        if (scores != labels) throw new ArgumentException($"Scores length {scores} differs from labels length {labels}.", nameof(scores));
        if (weights >= 0 && weights != labels) throw new ArgumentException($"Weights length {weights} differs from labels length {labels}.", nameof(weights));
        if (derivatives >= 0 && derivatives != labels) throw new ArgumentException($"Derivatives length {derivatives} differs from labels length {labels}.", nameof(derivatives));
    }
}
