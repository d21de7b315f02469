using System.Numerics.Tensors;

namespace OptSuite.LinearAlgebra;

/// <summary>
/// g = αAᵀφ(Ax) + βg for a row-wise φ in one pass over row-blocked data (each block multiplied both ways while it is
/// in memory) and as one product and one transposed product otherwise: a loss gradient Xᵀℓ′(Xw) or a Gauss–Newton
/// product Xᵀ(D·Xv) reads data larger than memory once instead of twice.
/// </summary>
public static class FusedProducts
{
    /// <summary>Computes z = Ax into <paramref name="scores"/>, u = φ(z) by <paramref name="transform"/> and
    /// g = αAᵀu + βg.</summary>
    /// <param name="a">The map.</param>
    /// <param name="x">The point, length Columns.</param>
    /// <param name="scores">Receives z (then whatever φ leaves there), length Rows.</param>
    /// <param name="transform">φ, applied row range by row range in row order.</param>
    /// <param name="g">Destination, length Columns.</param>
    /// <param name="alpha">α.</param>
    /// <param name="beta">β (0 overwrites g).</param>
    /// <typeparam name="T">The transform (a struct or ref struct, so no allocation and inlined calls).</typeparam>
    public static void ApplyThenTranspose<T>(ILinearMap a, ReadOnlySpan<double> x, Span<double> scores, ref T transform,
        Span<double> g, double alpha = 1, double beta = 0)
        where T : IScoreTransform, allows ref struct
    {
        ArgumentNullException.ThrowIfNull(a);
        Checks.Length(x.Length, a.Columns, nameof(x), "columns");
        Checks.Length(scores.Length, a.Rows, nameof(scores), "rows");
        Checks.Length(g.Length, a.Columns, nameof(g), "columns");
        if (a is Distributed.DistributedRows distributed)
        {
            // This rank's rows fused as any other map, then one all-reduce of the p-long part.
            ApplyThenTranspose(distributed.Local, x, scores, ref transform, distributed.Scratch, alpha, 0);
            distributed.Combine(g, beta);
            return;
        }
        if (a is not IRowBlockedMap blocked)
        {
            a.Apply(x, scores);
            a.ApplyTranspose(transform.Transform(0, scores), g, alpha, beta);
            return;
        }
        if (beta == 0) g.Clear();
        else if (beta != 1) TensorPrimitives.Multiply(g, beta, g);
        foreach (RowBlock b in blocked.ReadBlocks())
        {
            Span<double> z = scores.Slice(b.FirstRow, b.Rows.Rows);
            b.Rows.Apply(x, z);
            b.Rows.ApplyTranspose(transform.Transform(b.FirstRow, z), g, alpha, 1);
        }
    }

    /// <summary>
    /// g = Aᵀ diag(d) (Ax + c·1), returning Σ_i d_i((Ax)_i + c): the data part of a Newton Hessian–vector product
    /// Xᵀ D X v (c the intercept's component). On CSR storage one pass row by row — each row dotted with x and, weighted,
    /// added into g while it is in cache, rows with d_i = 0 (the squared hinge's inactive rows) not read — as LIBLINEAR's
    /// Hv does (Lin, Weng &amp; Keerthi 2008); its result does not depend on the thread count. That managed pass serves
    /// the managed backend always and the MKL backend while the rows with d_i ≠ 0 hold at most half of the stored
    /// entries: MKL's vectorised sparse products take 0.4–0.6× the managed kernel's time per entry (a9a, news20 binary;
    /// benchmarks/results/newton.md), so with most rows weighted its two passes win. Other maps:
    /// <see cref="ApplyThenTranspose{T}"/> (one pass over row-blocked data, a product and a transposed product otherwise;
    /// on distributed rows g is combined over the ranks and the returned sum is this rank's).
    /// </summary>
    /// <param name="a">The map.</param>
    /// <param name="weights">d, length Rows.</param>
    /// <param name="x">The vector, length Columns.</param>
    /// <param name="shift">c, added to every (Ax)_i.</param>
    /// <param name="scores">Scratch of length Rows (left unspecified).</param>
    /// <param name="g">Destination, length Columns.</param>
    public static double WeightedGram(ILinearMap a, ReadOnlySpan<double> weights, ReadOnlySpan<double> x, double shift,
        Span<double> scores, Span<double> g)
    {
        ArgumentNullException.ThrowIfNull(a);
        Checks.Length(weights.Length, a.Rows, nameof(weights), "rows");
        Checks.Length(x.Length, a.Columns, nameof(x), "columns");
        Checks.Length(scores.Length, a.Rows, nameof(scores), "rows");
        Checks.Length(g.Length, a.Columns, nameof(g), "columns");
        if (a is CsrMatrix csr && (csr.Backend.Kind != BackendKind.Mkl || 2 * WeightedEntries(csr.RowPointers, weights) <= csr.NonZeroCount))
            return Managed.SparseKernels.WeightedGram(csr.Storage, weights, shift, x, g);
        var transform = new WeightTransform(weights, shift);
        ApplyThenTranspose(a, x, scores, ref transform, g);
        return transform.Sum;
    }

    /// <summary>Stored entries in the rows with d_i ≠ 0.</summary>
    private static long WeightedEntries(ReadOnlySpan<int> rowPointers, ReadOnlySpan<double> weights)
    {
        long count = 0;
        for (int i = 0; i < weights.Length; i++)
            if (weights[i] != 0) count += rowPointers[i + 1] - rowPointers[i];
        return count;
    }

    /// <summary>(Ax)_i → d_i·((Ax)_i + c) in place, summing them.</summary>
    private ref struct WeightTransform(ReadOnlySpan<double> weights, double shift) : IScoreTransform
    {
        private readonly ReadOnlySpan<double> _weights = weights;
        public double Sum;

        public ReadOnlySpan<double> Transform(int firstRow, Span<double> scores)
        {
            ReadOnlySpan<double> d = _weights.Slice(firstRow, scores.Length);
            for (int i = 0; i < scores.Length; i++)
            {
                scores[i] = d[i] * (scores[i] + shift);
                Sum += scores[i];
            }
            return scores;
        }
    }
}
