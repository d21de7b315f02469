namespace OptSuite.Prox;

/// <summary>
/// R(w) = Σ_g r_g(w_g) over the blocks of a <see cref="BlockPartition"/> (groups for group lasso, rows of a p×k matrix
/// stored row-major for L2,1): the per-block operations block coordinate descent needs.
/// </summary>
public interface IBlockRegularizer : IRegularizer
{
    /// <summary>The blocks R is separable over.</summary>
    BlockPartition Blocks { get; }

    /// <summary>r_g(w_g) for block <paramref name="block"/>, given the block's entries.</summary>
    /// <param name="wg">The entries of block g, in the order of <see cref="BlockPartition.Indices"/>.</param>
    /// <param name="block">The block index g.</param>
    double ValueBlock(ReadOnlySpan<double> wg, int block);

    /// <summary>prox_{step·r_g}(v_g) into <paramref name="result"/> (may alias); returns r_g(result).</summary>
    /// <param name="vg">The block's entries to map.</param>
    /// <param name="step">The step η &gt; 0.</param>
    /// <param name="block">The block index g.</param>
    /// <param name="result">Destination, same length as <paramref name="vg"/>.</param>
    double ProxBlock(ReadOnlySpan<double> vg, double step, int block, Span<double> result);

    /// <summary>dist(−g_g, ∂r_g(w_g)) in the Euclidean norm: the block's KKT violation, 0 at a block-wise optimum.</summary>
    /// <param name="wg">The block's entries.</param>
    /// <param name="gg">The smooth-part gradient on the block.</param>
    /// <param name="block">The block index g.</param>
    double SubdifferentialDistanceBlock(ReadOnlySpan<double> wg, ReadOnlySpan<double> gg, int block);

    /// <summary>
    /// τ_g when r_g(w_g) = τ_g‖w_g‖₂ on block <paramref name="block"/> (a plain Euclidean norm, as in the group lasso and
    /// the ℓ2,1 norm), else NaN. With it, a quadratic plus r_g is minimised exactly over the block (one secular equation),
    /// which block coordinate descent does for the squared loss.
    /// </summary>
    /// <param name="block">The block index g.</param>
    double EuclideanNormWeight(int block);
}
