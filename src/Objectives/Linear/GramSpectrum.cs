using System.Numerics.Tensors;
using OptSuite.LinearAlgebra;

namespace OptSuite.Objectives;

/// <summary>The top eigenvalue of ÃᵀDÃ, Ã = [A, 1] (ones only with an intercept), D = diag(a): what smoothness bounds need.</summary>
internal static class GramSpectrum
{
    private const int MaxIterations = 300;

    /// <summary>
    /// Power iteration from a fixed positive start (deterministic), stopped when the Rayleigh quotient changes by less
    /// than 1e-10 relative; the estimate approaches λ_max from below, so callers inflate it slightly.
    /// </summary>
    /// <param name="a">The data.</param>
    /// <param name="weights">a_i, or null for uniform weights <paramref name="uniformWeight"/>.</param>
    /// <param name="uniformWeight">1/n.</param>
    /// <param name="intercept">Whether Ã has the column of ones.</param>
    /// <param name="scratch">Length n.</param>
    /// <param name="sums">Sums over samples (over the ranks of distributed rows).</param>
    public static double TopEigenvalue(ILinearMap a, double[]? weights, double uniformWeight, bool intercept, Span<double> scratch, SampleSums sums = default)
    {
        int p = a.Columns, d = p + (intercept ? 1 : 0);
        if (d == 0) return 0;
        var v = new double[d];
        var next = new double[d];
        var rng = new Random(20260101);
        for (int j = 0; j < d; j++) v[j] = 0.5 + rng.NextDouble();
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        double lambda = 0;
        for (int it = 0; it < MaxIterations; it++)
        {
            a.Apply(v.AsSpan(0, p), scratch);
            if (intercept) TensorPrimitives.Add(scratch, v[p], scratch);
            if (weights is null) TensorPrimitives.Multiply(scratch, uniformWeight, scratch);
            else TensorPrimitives.Multiply(scratch, weights, scratch);
            a.ApplyTranspose(scratch, next.AsSpan(0, p));
            if (intercept) next[p] = sums.Sum(TensorPrimitives.Sum(scratch));

            double estimate = TensorPrimitives.Dot(v, next);
            double norm = TensorPrimitives.Norm(next);
            if (!(norm > 0)) return 0.0;
            TensorPrimitives.Divide(next, norm, v);
            bool done = Math.Abs(estimate - lambda) <= 1e-10 * Math.Abs(estimate);
            lambda = estimate;
            if (done) break;
        }
        return lambda;
    }
}
