namespace OptSuite.Prox.Regularizers;

/// <summary>
/// The group lasso R(w) = λ Σ_g ω_g ‖w_g‖₂ over the blocks of a <see cref="BlockPartition"/> (contiguous ranges or index
/// lists): λ ≥ 0 the strength and ω_g ≥ 0 the group weights, √|g| by default (Yuan and Lin 2006) so that groups of
/// different sizes are comparable; ω_g = 0 leaves a group unpenalised.
/// </summary>
/// <remarks>
/// prox_{ηR}(v)_g = max(0, 1 − ηλω_g/‖v_g‖₂)·v_g (block soft-thresholding; Bach, Jenatton, Mairal and Obozinski 2012,
/// §3.3). R*(u) = 0 if ‖u_g‖₂ ≤ λω_g for every g, +∞ otherwise (the dual norm ball); domain gauge
/// max_g ‖u_g‖₂/(λω_g) with 0/0 = 0 and x/0 = +∞. ∂r_g(w_g) = λω_g w_g/‖w_g‖ for w_g ≠ 0 and the ball of radius λω_g at 0.
/// Membership of dom R* allows a relative slack of 1e-9.
/// </remarks>
public readonly struct GroupLasso : IBlockRegularizer
{
    private readonly BlockPartition _blocks;
    private readonly double[] _groupWeights;

    /// <summary>Group weights ω_g = √|g|.</summary>
    /// <param name="blocks">The groups.</param>
    /// <param name="lambda">The strength λ ≥ 0 (finite).</param>
    public GroupLasso(BlockPartition blocks, double lambda)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        Lambda = Checks.Lambda(lambda, nameof(lambda));
        _blocks = blocks;
        _groupWeights = new double[blocks.Count];
        for (int g = 0; g < _groupWeights.Length; g++) _groupWeights[g] = Math.Sqrt(blocks.Size(g));
    }

    /// <summary>Explicit group weights ω_g.</summary>
    /// <param name="blocks">The groups.</param>
    /// <param name="lambda">The strength λ ≥ 0 (finite).</param>
    /// <param name="groupWeights">ω_g ≥ 0 (finite), one per group; copied.</param>
    public GroupLasso(BlockPartition blocks, double lambda, ReadOnlySpan<double> groupWeights)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        Lambda = Checks.Lambda(lambda, nameof(lambda));
        Checks.Length(groupWeights.Length, blocks.Count, nameof(groupWeights));
        _blocks = blocks;
        _groupWeights = Checks.Weights(groupWeights, nameof(groupWeights));
    }

    /// <summary>The strength λ.</summary>
    public double Lambda { get; }

    /// <summary>The group weights ω_g.</summary>
    public ReadOnlySpan<double> GroupWeights => _groupWeights;

    /// <inheritdoc/>
    public BlockPartition Blocks => _blocks;

    /// <inheritdoc/>
    public bool IsSeparable => false;

    /// <inheritdoc/>
    public bool IsSmooth => Lambda == 0 || Checks.AllZero(_groupWeights);

    /// <summary>λω_g, the radius of block g's dual ball.</summary>
    /// <param name="block">The block index g.</param>
    public double StrengthOf(int block) => Lambda * _groupWeights[block];

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> w)
    {
        Checks.Length(w.Length, _blocks.Dimension, nameof(w));
        double s = 0;
        for (int g = 0; g < _blocks.Count; g++) s += StrengthOf(g) * BlockNorm(w, g);
        return s;
    }

    /// <inheritdoc/>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        Checks.Step(step);
        Checks.Length(v.Length, _blocks.Dimension, nameof(v));
        Checks.Destination(v, result);
        var starts = _blocks.Starts;
        double s = 0;
        for (int g = 0; g < _blocks.Count; g++)
        {
            double t = step * StrengthOf(g);
            double norm = _blocks.IsContiguous
                ? BlockKernels.Shrink(v[starts[g]..starts[g + 1]], t, result[starts[g]..starts[g + 1]])
                : BlockKernels.Shrink(v, _blocks.Block(g), t, result);
            s += StrengthOf(g) * norm;
        }
        return s;
    }

    /// <inheritdoc/>
    public double Conjugate(ReadOnlySpan<double> u)
    {
        Checks.Length(u.Length, _blocks.Dimension, nameof(u));
        for (int g = 0; g < _blocks.Count; g++)
            if (BlockNorm(u, g) > StrengthOf(g) * (1 + Checks.RelativeSlack)) return double.PositiveInfinity;
        return 0.0;
    }

    /// <inheritdoc/>
    public double ConjugateDomainGauge(ReadOnlySpan<double> u)
    {
        Checks.Length(u.Length, _blocks.Dimension, nameof(u));
        double t = 0;
        for (int g = 0; g < _blocks.Count; g++) t = Math.Max(t, L1Norm.Ratio(BlockNorm(u, g), StrengthOf(g)));
        return t;
    }

    /// <inheritdoc/>
    public double ValueBlock(ReadOnlySpan<double> wg, int block)
    {
        Checks.Length(wg.Length, _blocks.Size(block), nameof(wg));
        return StrengthOf(block) * Norms.L2(wg);
    }

    /// <inheritdoc/>
    public double ProxBlock(ReadOnlySpan<double> vg, double step, int block, Span<double> result)
    {
        Checks.Step(step);
        Checks.Length(vg.Length, _blocks.Size(block), nameof(vg));
        Checks.Destination(vg, result);
        return StrengthOf(block) * BlockKernels.Shrink(vg, step * StrengthOf(block), result);
    }

    /// <inheritdoc/>
    public double SubdifferentialDistanceBlock(ReadOnlySpan<double> wg, ReadOnlySpan<double> gg, int block)
    {
        Checks.Length(wg.Length, _blocks.Size(block), nameof(wg));
        Checks.Length(gg.Length, wg.Length, nameof(gg));
        return BlockKernels.Distance(wg, gg, StrengthOf(block));
    }

    private double BlockNorm(ReadOnlySpan<double> x, int g) =>
        _blocks.IsContiguous ? Norms.L2(x[_blocks.Starts[g].._blocks.Starts[g + 1]]) : Norms.L2(x, _blocks.Block(g));

    /// <inheritdoc/>
    /// <remarks>λ·ω_g.</remarks>
    public double EuclideanNormWeight(int block) => StrengthOf(block);
}
