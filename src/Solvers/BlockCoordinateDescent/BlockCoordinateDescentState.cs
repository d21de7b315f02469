using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox;

namespace OptSuite.Solvers;

/// <summary>
/// The buffers and one epoch of primal <see cref="BlockCoordinateDescent"/> (see there for the method and criterion):
/// a pointwise loss on the n×k scores Z = XW + 1bᵀ (k = 1 for single-output objectives), blocks of whole rows of W.
/// </summary>
/// <typeparam name="TLoss">The loss (finite smoothness).</typeparam>
/// <typeparam name="TReg">The block-separable regulariser.</typeparam>
internal sealed partial class BlockCoordinateDescentState<TLoss, TReg> : ISolverState
    where TLoss : struct, ILoss
    where TReg : struct, IBlockRegularizer
{
    private readonly ICompositeFunction _objective;
    private readonly BlockCoordinateDescentOptions _options;
    private readonly TLoss _loss;
    private readonly TReg _reg;
    private readonly CscMatrix _x;
    private readonly FeatureBlocks _blocks;
    private readonly int _k;
    private readonly double[] _y, _a, _w, _b, _z, _d;   // y, z, d: n×k row-major; w: p×k row-major
    private readonly double[] _old, _grad, _next, _packed;
    // The eliminated intercept (squared loss): column means m_j = Σa_i x_ij, and the pending shift s_c of each task's
    // intercept and residual (true d = d̃ + s, true b = b̃ + s) that keeps Σa_i d_ic = 0; empty when not centred.
    private readonly double[] _means, _shift;
    private readonly double[] _curvature, _eigen;   // an exact block step's h and Qᵀb
    private readonly double[] _weighted;   // a_i·x_ij in CSC order: the gradient's gather reads one array less
    private readonly bool[] _nonzero;
    private readonly int[] _order;
    private readonly Random _rng;
    private readonly bool _intercept, _centred;
    private readonly double _mu, _smooth;
    private int _epochs;
    private double _kkt, _kkt0 = double.NaN;
    private long _updates, _functions;

    /// <summary>Prepares a run from <paramref name="x0"/> (W row-major then b; zeros when empty; never modified).</summary>
    public BlockCoordinateDescentState(ICompositeFunction objective, ILinearMap data, ReadOnlySpan<double> labels, int tasks,
        ReadOnlySpan<double> sampleWeights, double ridge, bool intercept, TLoss loss, TReg regularizer,
        ReadOnlySpan<double> x0, BlockCoordinateDescentOptions options)
    {
        options.Validate();
        if (!double.IsFinite(loss.Smoothness))
            throw new ArgumentException($"Block coordinate descent needs a loss with a Lipschitz derivative; {typeof(TLoss).Name} has none.", nameof(objective));
        _objective = objective;
        _options = options;
        _loss = loss;
        _reg = regularizer;
        _k = tasks;
        _mu = ridge;
        _smooth = loss.Smoothness;
        _intercept = intercept;
        _x = ColumnMajorSparse.From(data);
        int n = data.Rows, p = data.Columns, k = tasks;
        _y = labels.ToArray();
        _a = sampleWeights.IsEmpty ? Enumerable.Repeat(1.0 / n, n).ToArray() : sampleWeights.ToArray();
        _weighted = new double[_x.NonZeroCount];
        {
            ReadOnlySpan<int> rowIndex = _x.RowIndices;
            ReadOnlySpan<double> values = _x.Values;
            for (int t = 0; t < _weighted.Length; t++) _weighted[t] = _a[rowIndex[t]] * values[t];
        }
        _centred = Squared && intercept;
        _means = _centred ? new double[p] : [];
        _shift = _centred ? new double[k] : [];
        if (_centred)
        {
            ReadOnlySpan<int> ptr = _x.ColumnPointers;
            for (int j = 0; j < p; j++)
                for (int t = ptr[j]; t < ptr[j + 1]; t++) _means[j] += _weighted[t];
        }
        bool exact = Squared && k == 1 && HasEuclideanBlocks(regularizer);
        _blocks = FeatureBlocks.Build(regularizer.Blocks, _x, k, _a, _smooth, _mu, _means, exact, nameof(objective));

        double[] start = StartingPoint.Copy(x0, objective.Dimension);
        _w = start.AsSpan(0, p * k).ToArray();
        _b = intercept ? start.AsSpan(p * k, k).ToArray() : new double[k];
        _packed = new double[objective.Dimension];
        _z = new double[n * k];
        _d = new double[n * k];
        var column = new double[p];
        var scores = new double[n];
        for (int c = 0; c < k; c++)
        {
            for (int j = 0; j < p; j++) column[j] = _w[j * k + c];
            data.Apply(column, scores);
            for (int i = 0; i < n; i++) _z[i * k + c] = scores[i] + _b[c];
        }
        for (int t = 0; t < _z.Length; t++) _d[t] = _loss.Derivative(_y[t], _z[t]);
        if (_centred)
            for (int c = 0; c < k; c++)
            {
                double mean = 0;
                for (int i = 0; i < n; i++) mean += _a[i] * _d[i * k + c];
                _shift[c] = -mean;   // the intercept's exact step; blocks keep it exact from here on
            }

        int width = _blocks.LargestBlock * k;
        _old = new double[width];
        _curvature = new double[width];
        _eigen = new double[width];
        _grad = new double[width];
        _next = new double[width];
        _nonzero = new bool[_blocks.Count];
        for (int g = 0; g < _blocks.Count; g++) _nonzero[g] = true;   // checked on their first visit
        _order = new int[_blocks.Count];
        for (int g = 0; g < _order.Length; g++) _order[g] = g;
        _rng = new Random(options.Seed);
    }

    // A JIT-time constant per instantiation: the squared loss keeps only the residual d = z − y up to date.
    private static bool Squared => default(TLoss).IsQuadratic;

    private static bool HasEuclideanBlocks(TReg reg)
    {
        for (int g = 0; g < reg.Blocks.Count; g++)
            if (!(reg.EuclideanNormWeight(g) >= 0)) return false;
        return true;
    }

    /// <summary>
    /// Applies the pending intercept shift to b and d: before anything reads them directly, and before every sweep, so
    /// that s stays of the size of one sweep's intercept change (the gradient adds s·m_j to Σa_i x_ij d̃_i, which would
    /// otherwise cancel in large terms on columns with large means).
    /// </summary>
    private void Flush()
    {
        if (!_centred) return;
        int k = _k;
        for (int c = 0; c < k; c++)
        {
            double s = _shift[c];
            if (s == 0) continue;
            _b[c] += s;
            for (int i = c; i < _d.Length; i += k) _d[i] += s;
            _shift[c] = 0;
        }
    }

    /// <inheritdoc/>
    public double Criterion { get; private set; } = double.PositiveInfinity;

    /// <inheritdoc/>
    public EvaluationCounts Counts => new(_functions, _epochs, _updates);

    /// <summary>The block Lipschitz constants (for tests and diagnostics).</summary>
    public ReadOnlySpan<double> BlockLipschitz => _blocks.Lipschitz;

    /// <inheritdoc/>
    public StepOutcome Step()
    {
        _epochs++;
        if (_options.Order == CoordinateOrder.Random)
            for (int s = 0; s < _order.Length - 1; s++)
            {
                int r = s + _rng.Next(_order.Length - s);
                (_order[s], _order[r]) = (_order[r], _order[s]);
            }
        _kkt = 0;
        double largest = 0;
        Flush();
        foreach (int g in _order) largest = Math.Max(largest, Update(g, measureKkt: true));
        if (_intercept && !_centred) largest = Math.Max(largest, UpdateIntercepts(measureKkt: true));
        if (double.IsNaN(_kkt0)) _kkt0 = _kkt;

        if (_options.ActiveSetCycling)
        {
            for (int sweep = 0; sweep < 50; sweep++)
            {
                double change = 0;
                Flush();
                foreach (int g in _order)
                    if (_nonzero[g]) change = Math.Max(change, Update(g, measureKkt: false));
                if (_intercept && !_centred) change = Math.Max(change, UpdateIntercepts(measureKkt: false));
                if (change <= 0.05 * largest) break;
            }
        }
        if (!Vec.AllFinite(_w) || !Vec.AllFinite(_b) || !Vec.AllFinite(_shift)) return StepOutcome.NonFinite;
        return StepOutcome.Continue;
    }

    /// <summary>
    /// One block step W_g ← prox_{r_g/L_g}(W_g − ∇_g f/L_g); returns √L_g·‖δ‖, the change in the block's metric.
    /// </summary>
    private double Update(int g, bool measureKkt)
    {
        ReadOnlySpan<int> ptr = _x.ColumnPointers, rows = _x.RowIndices;
        ReadOnlySpan<double> val = _x.Values, weighted = _weighted;
        Span<double> d = _d, z = _z, w = _w;
        ReadOnlySpan<double> y = _y;
        ReadOnlySpan<int> features = _blocks.Features;
        int k = _k, f0 = _blocks.Starts[g], m = _blocks.Starts[g + 1] - f0, len = m * k;
        Span<double> old = _old.AsSpan(0, len), grad = _grad.AsSpan(0, len), next = _next.AsSpan(0, len);
        for (int q = 0; q < m; q++)
        {
            int j = features[f0 + q];
            int start = ptr[j], end = ptr[j + 1];
            if (k == 1)
            {
                double s = _centred ? _shift[0] * _means[j] : 0;
                for (int t = start; t < end; t++) s += weighted[t] * d[rows[t]];
                old[q] = w[j];
                grad[q] = s + _mu * w[j];
                continue;
            }
            Span<double> gq = grad.Slice(q * k, k);
            ReadOnlySpan<double> wq = w.Slice(j * k, k);
            wq.CopyTo(old.Slice(q * k, k));
            for (int c = 0; c < k; c++) gq[c] = _mu * wq[c] + (_centred ? _shift[c] * _means[j] : 0);
            for (int t = start; t < end; t++)
            {
                double coef = weighted[t];
                ReadOnlySpan<double> di = d.Slice(rows[t] * k, k);
                for (int c = 0; c < k; c++) gq[c] += coef * di[c];
            }
        }
        if (measureKkt) _kkt = Math.Max(_kkt, _reg.SubdifferentialDistanceBlock(old, grad, g));

        double lipschitz = _blocks.Lipschitz[g];
        // A block the smooth part does not see (empty columns, μ = 0): any step works; the prox drives it to argmin r_g.
        if (!(lipschitz > 0)) lipschitz = 1.0;
        if (_blocks.IsExact(g)) ExactStep(g, old, grad, next);
        else
        {
            double step = 1.0 / lipschitz;
            for (int e = 0; e < len; e++) next[e] = old[e] - step * grad[e];
            _reg.ProxBlock(next, step, g, next);
        }

        double moved = 0;
        bool nonzero = false;
        for (int e = 0; e < len; e++)
        {
            double delta = next[e] - old[e];
            moved += delta * delta;
            grad[e] = delta;   // reuse: δ
            if (next[e] != 0) nonzero = true;
        }
        _nonzero[g] = nonzero;
        if (moved == 0) return 0;
        _updates++;
        if (_centred)
            for (int q = 0; q < m; q++)
            {
                double mj = _means[features[f0 + q]];
                for (int c = 0; c < k; c++) _shift[c] -= mj * grad[q * k + c];
            }
        for (int q = 0; q < m; q++)
        {
            int j = features[f0 + q];
            int start = ptr[j], end = ptr[j + 1];
            if (k == 1)
            {
                double delta = grad[q];
                if (delta == 0) continue;
                w[j] = next[q];
                if (Squared)
                    for (int t = start; t < end; t++) d[rows[t]] += delta * val[t];
                else
                    for (int t = start; t < end; t++)
                    {
                        int i = rows[t];
                        z[i] += delta * val[t];
                        d[i] = _loss.Derivative(y[i], z[i]);
                    }
                continue;
            }
            next.Slice(q * k, k).CopyTo(w.Slice(j * k, k));
            ReadOnlySpan<double> dq = grad.Slice(q * k, k);
            for (int t = start; t < end; t++)
            {
                int i = rows[t];
                double v = val[t];
                Span<double> di = d.Slice(i * k, k);
                if (Squared)
                {
                    for (int c = 0; c < k; c++) di[c] += v * dq[c];
                }
                else
                {
                    Span<double> zi = z.Slice(i * k, k);
                    ReadOnlySpan<double> yi = y.Slice(i * k, k);
                    for (int c = 0; c < k; c++) { zi[c] += v * dq[c]; di[c] = _loss.Derivative(yi[c], zi[c]); }
                }
            }
        }
        return Math.Sqrt(moved * lipschitz);
    }

    /// <summary>
    /// The exact block minimiser (k = 1, squared loss, r_g = τ_g‖·‖₂): with H = L_ℓQΛQᵀ + μI the block Hessian,
    /// v = argmin ½vᵀHv − (Hw_g − ∇_g f)ᵀv + τ_g‖v‖₂ (<see cref="ExactBlockStep"/>).
    /// </summary>
    private void ExactStep(int g, ReadOnlySpan<double> old, ReadOnlySpan<double> grad, Span<double> next)
    {
        int f0 = _blocks.Starts[g], m = _blocks.Starts[g + 1] - f0;
        ReadOnlySpan<double> q = _blocks.Eigenvectors.AsSpan(_blocks.VectorStarts[g], m * m);
        ReadOnlySpan<double> lambda = _blocks.Eigenvalues.AsSpan(f0, m);
        Span<double> h = _curvature.AsSpan(0, m), c = _eigen.AsSpan(0, m);
        for (int e = 0; e < m; e++)
        {
            double u = 0, gq = 0;
            for (int r = 0; r < m; r++) { u += q[r * m + e] * old[r]; gq += q[r * m + e] * grad[r]; }
            h[e] = _smooth * Math.Max(lambda[e], 0) + _mu;
            c[e] = h[e] * u - gq;
        }
        ExactBlockStep.Solve(h, c, _reg.EuclideanNormWeight(g));
        for (int r = 0; r < m; r++)
        {
            double v = 0;
            for (int e = 0; e < m; e++) v += q[r * m + e] * c[e];
            next[r] = v;
        }
    }

    /// <summary>
    /// b_c ← b_c − (Σ_i a_i d_ic)/L_ℓ per task: the exact minimiser for the squared loss (Σa_i = 1), a Lipschitz
    /// step otherwise; returns the largest √L_ℓ·|δ|.
    /// </summary>
    private double UpdateIntercepts(bool measureKkt)
    {
        int n = _a.Length, k = _k;
        double largest = 0;
        for (int c = 0; c < k; c++)
        {
            double g = 0;
            for (int i = 0; i < n; i++) g += _a[i] * _d[i * k + c];
            if (measureKkt) _kkt = Math.Max(_kkt, Math.Abs(g));
            double delta = -g / _smooth;
            if (delta == 0 || !double.IsFinite(delta)) continue;
            _b[c] += delta;
            for (int i = 0; i < n; i++)
            {
                int ic = i * k + c;
                if (Squared) _d[ic] += delta;
                else { _z[ic] += delta; _d[ic] = _loss.Derivative(_y[ic], _z[ic]); }
            }
            largest = Math.Max(largest, Math.Abs(delta) * Math.Sqrt(_smooth));
        }
        return largest;
    }
}
