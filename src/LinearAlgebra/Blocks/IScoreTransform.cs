namespace OptSuite.LinearAlgebra;

/// <summary>
/// What <see cref="FusedProducts.ApplyThenTranspose{T}"/> does between z = Ax and Aᵀu: turns a range of scores into
/// the weights u of the same rows (a loss derivative, a Hessian weight), keeping whatever totals it needs.
/// </summary>
public interface IScoreTransform
{
    /// <summary>Maps the scores of rows [firstRow, firstRow + scores.Length) — which it may change in place — to their
    /// weights u, returned as a span of the same length (the scores themselves or a buffer of the transform).</summary>
    ReadOnlySpan<double> Transform(int firstRow, Span<double> scores);
}
