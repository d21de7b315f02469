namespace OptSuite.Prox.Regularizers;

/// <summary>
/// The ℓ2,1 norm of a p×k matrix W stored row-major, R(W) = λ Σ_i ‖W_i‖₂ over its rows (the multi-task lasso penalty of
/// scikit-learn's MultiTaskLasso, with W_i the k coefficients of feature i across tasks), λ ≥ 0.
/// </summary>
/// <remarks>
/// prox_{ηR}(V)_i = max(0, 1 − ηλ/‖V_i‖₂)·V_i (row-wise block soft-thresholding; Obozinski, Taskar and Jordan 2010).
/// R*(U) = 0 if max_i ‖U_i‖₂ ≤ λ, +∞ otherwise (the ℓ2,∞ ball); domain gauge max_i ‖U_i‖₂/λ (0/0 = 0, x/0 = +∞).
/// ∂r_i(W_i) = λW_i/‖W_i‖ for W_i ≠ 0 and the λ-ball at 0. Membership of dom R* allows a relative slack of 1e-9.
/// </remarks>
public readonly struct L21Norm : IBlockRegularizer
{
    private readonly BlockPartition _blocks;

    /// <summary>R(W) = λ Σ_i ‖W_i‖₂ for W of shape rows × columns.</summary>
    /// <param name="rows">p, the number of rows (features), ≥ 0.</param>
    /// <param name="columns">k, the row length (tasks or classes), ≥ 1.</param>
    /// <param name="lambda">The strength λ ≥ 0 (finite).</param>
    public L21Norm(int rows, int columns, double lambda)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        Lambda = Checks.Lambda(lambda, nameof(lambda));
        _blocks = BlockPartition.Uniform(rows, columns);
        Rows = rows;
        Columns = columns;
    }

    /// <summary>The strength λ.</summary>
    public double Lambda { get; }

    /// <summary>p, the number of rows.</summary>
    public int Rows { get; }

    /// <summary>k, the row length.</summary>
    public int Columns { get; }

    /// <inheritdoc/>
    public BlockPartition Blocks => _blocks;

    /// <inheritdoc/>
    public bool IsSeparable => false;

    /// <inheritdoc/>
    public bool IsSmooth => Lambda == 0;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> w)
    {
        Checks.Length(w.Length, Rows * Columns, nameof(w));
        double s = 0;
        for (int i = 0; i < Rows; i++) s += Norms.L2(w.Slice(i * Columns, Columns));
        return Lambda * s;
    }

    /// <inheritdoc/>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        Checks.Step(step);
        Checks.Length(v.Length, Rows * Columns, nameof(v));
        Checks.Destination(v, result);
        double t = step * Lambda, s = 0;
        for (int i = 0; i < Rows; i++) s += BlockKernels.Shrink(v.Slice(i * Columns, Columns), t, result.Slice(i * Columns, Columns));
        return Lambda * s;
    }

    /// <inheritdoc/>
    public double Conjugate(ReadOnlySpan<double> u)
    {
        Checks.Length(u.Length, Rows * Columns, nameof(u));
        double bound = Lambda * (1 + Checks.RelativeSlack);
        for (int i = 0; i < Rows; i++)
            if (Norms.L2(u.Slice(i * Columns, Columns)) > bound) return double.PositiveInfinity;
        return 0.0;
    }

    /// <inheritdoc/>
    public double ConjugateDomainGauge(ReadOnlySpan<double> u)
    {
        Checks.Length(u.Length, Rows * Columns, nameof(u));
        double m = 0;
        for (int i = 0; i < Rows; i++) m = Math.Max(m, Norms.L2(u.Slice(i * Columns, Columns)));
        return L1Norm.Ratio(m, Lambda);
    }

    /// <inheritdoc/>
    public double ValueBlock(ReadOnlySpan<double> wg, int block)
    {
        Checks.Length(wg.Length, Columns, nameof(wg));
        return Lambda * Norms.L2(wg);
    }

    /// <inheritdoc/>
    public double ProxBlock(ReadOnlySpan<double> vg, double step, int block, Span<double> result)
    {
        Checks.Step(step);
        Checks.Length(vg.Length, Columns, nameof(vg));
        Checks.Destination(vg, result);
        return Lambda * BlockKernels.Shrink(vg, step * Lambda, result);
    }

    /// <inheritdoc/>
    public double SubdifferentialDistanceBlock(ReadOnlySpan<double> wg, ReadOnlySpan<double> gg, int block)
    {
        Checks.Length(wg.Length, Columns, nameof(wg));
        Checks.Length(gg.Length, Columns, nameof(gg));
        return BlockKernels.Distance(wg, gg, Lambda);
    }

    /// <inheritdoc/>
    /// <remarks>λ.</remarks>
    public double EuclideanNormWeight(int block) => Lambda;
}
