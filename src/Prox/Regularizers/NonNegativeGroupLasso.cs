namespace OptSuite.Prox.Regularizers;

/// <summary>
/// The non-negative group lasso R(w) = λ Σ_g ω_g ‖w_g‖₂ + ι(w ≥ 0) over a <see cref="BlockPartition"/>, with λ ≥ 0 and
/// group weights ω_g ≥ 0 (√|g| by default) as in <see cref="GroupLasso"/>.
/// </summary>
/// <remarks>
/// prox_{ηR}(v)_g = max(0, 1 − ηλω_g/‖(v_g)₊‖₂)·(v_g)₊: project on the orthant, then block soft-threshold, valid because
/// ‖·‖₂ is sign invariant and monotone in |v| (Bach, Jenatton, Mairal and Obozinski 2012, §3.3; Jacob et al.'s
/// non-negative group norms). R*(u) = 0 if ‖(u_g)₊‖₂ ≤ λω_g for every g, +∞ otherwise; domain gauge
/// max_g ‖(u_g)₊‖₂/(λω_g) with 0/0 = 0 and x/0 = +∞. The block KKT distance adds the orthant's normal cone (−∞, 0] on
/// zero entries and is +∞ for infeasible w.
/// </remarks>
public readonly struct NonNegativeGroupLasso : IBlockRegularizer
{
    private readonly BlockPartition _blocks;
    private readonly double[] _groupWeights;

    /// <summary>Group weights ω_g = √|g|.</summary>
    /// <param name="blocks">The groups.</param>
    /// <param name="lambda">The strength λ ≥ 0 (finite).</param>
    public NonNegativeGroupLasso(BlockPartition blocks, double lambda)
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
    public NonNegativeGroupLasso(BlockPartition blocks, double lambda, ReadOnlySpan<double> groupWeights)
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
    public bool IsSmooth => false;

    /// <summary>λω_g.</summary>
    /// <param name="block">The block index g.</param>
    public double StrengthOf(int block) => Lambda * _groupWeights[block];

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> w)
    {
        Checks.Length(w.Length, _blocks.Dimension, nameof(w));
        foreach (double x in w) if (x < 0) return double.PositiveInfinity;
        double s = 0;
        for (int g = 0; g < _blocks.Count; g++)
            s += StrengthOf(g) * (_blocks.IsContiguous ? Norms.L2(w[_blocks.Starts[g].._blocks.Starts[g + 1]]) : Norms.L2(w, _blocks.Block(g)));
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
                ? BlockKernels.PositiveShrink(v[starts[g]..starts[g + 1]], t, result[starts[g]..starts[g + 1]])
                : BlockKernels.PositiveShrink(v, _blocks.Block(g), t, result);
            s += StrengthOf(g) * norm;
        }
        return s;
    }

    /// <inheritdoc/>
    public double Conjugate(ReadOnlySpan<double> u)
    {
        Checks.Length(u.Length, _blocks.Dimension, nameof(u));
        for (int g = 0; g < _blocks.Count; g++)
            if (PositiveNorm(u, g) > StrengthOf(g) * (1 + Checks.RelativeSlack)) return double.PositiveInfinity;
        return 0.0;
    }

    /// <inheritdoc/>
    public double ConjugateDomainGauge(ReadOnlySpan<double> u)
    {
        Checks.Length(u.Length, _blocks.Dimension, nameof(u));
        double t = 0;
        for (int g = 0; g < _blocks.Count; g++) t = Math.Max(t, L1Norm.Ratio(PositiveNorm(u, g), StrengthOf(g)));
        return t;
    }

    /// <inheritdoc/>
    public double ValueBlock(ReadOnlySpan<double> wg, int block)
    {
        Checks.Length(wg.Length, _blocks.Size(block), nameof(wg));
        foreach (double x in wg) if (x < 0) return double.PositiveInfinity;
        return StrengthOf(block) * Norms.L2(wg);
    }

    /// <inheritdoc/>
    public double ProxBlock(ReadOnlySpan<double> vg, double step, int block, Span<double> result)
    {
        Checks.Step(step);
        Checks.Length(vg.Length, _blocks.Size(block), nameof(vg));
        Checks.Destination(vg, result);
        return StrengthOf(block) * BlockKernels.PositiveShrink(vg, step * StrengthOf(block), result);
    }

    /// <inheritdoc/>
    public double SubdifferentialDistanceBlock(ReadOnlySpan<double> wg, ReadOnlySpan<double> gg, int block)
    {
        Checks.Length(wg.Length, _blocks.Size(block), nameof(wg));
        Checks.Length(gg.Length, wg.Length, nameof(gg));
        return BlockKernels.PositiveDistance(wg, gg, StrengthOf(block));
    }

    private double PositiveNorm(ReadOnlySpan<double> x, int g) =>
        _blocks.IsContiguous ? Norms.PositivePartL2(x[_blocks.Starts[g].._blocks.Starts[g + 1]]) : Norms.PositivePartL2(x, _blocks.Block(g));

    /// <inheritdoc/>
    /// <remarks>NaN: the non-negativity constraint is not a norm.</remarks>
    public double EuclideanNormWeight(int block) => double.NaN;
}
