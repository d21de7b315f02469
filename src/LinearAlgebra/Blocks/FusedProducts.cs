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
}
