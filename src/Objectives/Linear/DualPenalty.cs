using System.Numerics.Tensors;
using OptSuite.Prox;

namespace OptSuite.Objectives;

/// <summary>The penalty side of a Fenchel dual: the conjugate of H = (μ/2)‖·‖² + R at a dual point, with rescaling.</summary>
internal static class DualPenalty
{
    /// <summary>
    /// Returns H*(v/s) and the factor s ≥ 1 the dual point must be divided by to make H* finite (s = 1 when μ &gt; 0,
    /// since H is then strongly convex; otherwise s = max(1, gauge of dom R* at v)); +∞ with s = +∞ when no factor
    /// works. <paramref name="v"/> is overwritten; <paramref name="scratch"/> has the same length.
    /// </summary>
    public static double Conjugate<TReg>(in TReg reg, double ridge, Span<double> v, Span<double> scratch, out double scale)
        where TReg : struct, IRegularizer
    {
        if (ridge > 0)
        {
            // sup_w ⟨v, w⟩ − R(w) − (μ/2)‖w‖² is attained at p = prox_{R/μ}(v/μ) and equals (μ/2)(‖v/μ‖² − ‖v/μ − p‖²) − R(p).
            scale = 1.0;
            TensorPrimitives.Divide(v, ridge, v);
            double vv = TensorPrimitives.Dot(v, v);
            v.CopyTo(scratch);
            double r = reg.Prox(v, 1.0 / ridge, v);
            double dist = 0;
            for (int j = 0; j < v.Length; j++) { double d = scratch[j] - v[j]; dist += d * d; }
            return 0.5 * ridge * (vv - dist) - r;
        }
        double gauge = reg.ConjugateDomainGauge(v);
        if (double.IsNaN(gauge) || double.IsPositiveInfinity(gauge))
        {
            scale = double.PositiveInfinity;
            return double.PositiveInfinity;
        }
        scale = Math.Max(1.0, gauge);
        if (scale != 1.0) TensorPrimitives.Divide(v, scale, v);
        return reg.Conjugate(v);
    }
}
