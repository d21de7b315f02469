using System.Diagnostics;
using System.Numerics.Tensors;
using OptSuite.LinearAlgebra;

namespace OptSuite.Solvers;

/// <summary>
/// Covariance-mode coordinate descent for the squared loss along a path (glmnet's type.gaussian = "covariance";
/// Friedman, Hastie &amp; Tibshirani 2010, §2.2): with G = X_cᵀAX_c and q = X_cᵀA y_c formed once (X_c, y_c centred by
/// their a-weighted means when there is an intercept, A = diag(a)), every coordinate step, the gradient g = Gw − q of
/// all p features, the KKT conditions and the duality gap are O(p) work — no pass over the n samples while solving.
/// </summary>
/// <remarks>
/// The duality gap in p-space uses the same dual point as <c>LinearObjective</c> (the centred residual
/// u = X_c w − y_c, whose correlations are g): with r = wᵀg − wᵀq + y_cᵀAy_c = ‖u‖²_a,
/// F = ½r + (μ/2)‖w‖² + Σλ_j|w_j| and D = −(½r/s² + (wᵀq − y_cᵀAy_c)/s) − H*(−g/s). Because r is a difference of
/// nearly equal numbers when the fit is good, the p-space gap only decides when to stop; the caller certifies each
/// point from the data (one product and one transposed product) and falls back to the sample-space engine if that
/// certificate fails. G is built from explicitly centred, √a-scaled blocks of rows (the register-tiled
/// <see cref="GramKernels"/>), never as XᵀAX − x̄x̄ᵀ, which cancels for columns with a large mean.
/// </remarks>
internal sealed class CovariancePath
{
    /// <summary>Largest p for which a path uses this engine (G is p² doubles: 2 MB at 500).</summary>
    public const int MaxFeatures = 500;

    /// <summary>Rows of one centred block during the build (≈ 1 MB of doubles).</summary>
    private const int BlockDoubles = 1 << 17;

    private readonly int _p;
    private readonly double[] _g;          // (p + 1)², row-major: G, with q and y_cᵀAy_c in the last row
    private readonly double[] _xbar;       // a-weighted column means (0 without an intercept)
    private readonly double _ybar, _yy;
    private readonly double[] _grad;       // g = Gw − q at the current w
    private readonly bool[] _active;
    private readonly int[] _order;
    private int _count;                    // active features, in _order

    /// <summary>Takes G, q and y_cᵀAy_c as (p + 1)² row-major values (G, with q and y_cᵀAy_c in the last row; both
    /// triangles) and the means, formed elsewhere (<see cref="BlockedCovariance"/> for data read in row blocks).</summary>
    internal CovariancePath(double[] gram, double[] xbar, double ybar)
    {
        _p = xbar.Length;
        _g = gram;
        _xbar = xbar;
        _ybar = ybar;
        _yy = gram[_p * (_p + 1) + _p];
        _grad = new double[_p];
        _active = new bool[_p];
        _order = new int[_p];
    }

    /// <summary>Forms G, q and the means from <paramref name="x"/> in one blocked pass.</summary>
    /// <param name="x">The n×p data in column storage.</param>
    /// <param name="y">The targets.</param>
    /// <param name="a">The normalised sample weights (Σa = 1).</param>
    /// <param name="intercept">Whether the intercept is fitted (then everything is centred).</param>
    public CovariancePath(CscMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> a, bool intercept)
    {
        int n = x.Rows, p = _p = x.Columns, k = p + 1;
        ReadOnlySpan<int> ptr = x.ColumnPointers, idx = x.RowIndices;
        ReadOnlySpan<double> val = x.Values;
        _xbar = new double[p];
        if (intercept)
        {
            for (int j = 0; j < p; j++)
            {
                double s = 0;
                for (int t = ptr[j]; t < ptr[j + 1]; t++) s += a[idx[t]] * val[t];
                _xbar[j] = s;
            }
            _ybar = TensorPrimitives.Dot(a, y);
        }

        _g = new double[k * k];
        int rows = Math.Max(1, Math.Min(n, BlockDoubles / k));
        var block = new double[rows * k];
        var sqrtA = new double[n];
        for (int i = 0; i < n; i++) sqrtA[i] = Math.Sqrt(a[i]);
        var cursor = new int[p];
        for (int j = 0; j < p; j++) cursor[j] = ptr[j];
        for (int r0 = 0; r0 < n; r0 += rows)
        {
            int m = Math.Min(rows, n - r0);
            for (int j = 0; j < p; j++)
            {
                Span<double> column = block.AsSpan(j * m, m);
                double mean = _xbar[j];
                for (int i = 0; i < m; i++) column[i] = -sqrtA[r0 + i] * mean;
                int t = cursor[j], end = ptr[j + 1];
                for (; t < end && idx[t] < r0 + m; t++) column[idx[t] - r0] += sqrtA[idx[t]] * val[t];
                cursor[j] = t;
            }
            Span<double> yc = block.AsSpan(p * m, m);
            for (int i = 0; i < m; i++) yc[i] = sqrtA[r0 + i] * (y[r0 + i] - _ybar);
            GramKernels.AddLowerRows(block.AsSpan(0, m * k), m, 0, k, _g, k);
        }
        for (int r = 0; r < k; r++)
            for (int c = r + 1; c < k; c++) _g[r * k + c] = _g[c * k + r];
        _yy = _g[p * k + p];
        _grad = new double[p];
        _active = new bool[p];
        _order = new int[p];
    }

    /// <summary>The data-term gradient Xᵀ(a⊙(Xw + b − y)) at the last solution, with b optimal (length p).</summary>
    public ReadOnlySpan<double> Gradient => _grad;

    /// <summary>ȳ, the a-weighted mean of the targets (0 without an intercept).</summary>
    public double TargetMean => _ybar;

    /// <summary>The intercept that is optimal for <paramref name="w"/>: ȳ − x̄ᵀw.</summary>
    public double Intercept(ReadOnlySpan<double> w) => _ybar - TensorPrimitives.Dot(_xbar, w);

    /// <summary>The outcome of one λ.</summary>
    /// <param name="Sweeps">Coordinate sweeps over the active set.</param>
    /// <param name="Updates">Coordinates that changed.</param>
    /// <param name="Checks">Gap evaluations (one per sweep).</param>
    /// <param name="StopReason">Converged (the p-space gap met the tolerance), or the limit that ended it.</param>
    public readonly record struct Outcome(int Sweeps, long Updates, int Checks, StopReason StopReason);

    /// <summary>
    /// Minimises ½‖X_c w − y_c‖²_a + (μ/2)‖w‖² + Σλ_j|w_j| from <paramref name="w"/> (updated in place): cyclic sweeps over
    /// the active set (the non-zeros and <paramref name="hint"/>), each followed by the O(p) gap and KKT check over all
    /// features; violators join the active set. Stops when the p-space relative gap is below
    /// <paramref name="tolerance"/>, after <paramref name="maxSweeps"/> sweeps, at <paramref name="deadline"/>, or on
    /// cancellation. <paramref name="gradient"/>, when given, is the data-term gradient at <paramref name="w"/> as the
    /// caller computed it from the data (the path session at the null model, so that its λ_max and this first gradient
    /// agree to the last bit); empty: Gw − q.
    /// </summary>
    public Outcome Solve(Span<double> w, ReadOnlySpan<double> gradient, ReadOnlySpan<double> lambda1, double mu, bool[]? hint, double tolerance,
        int maxSweeps, long deadline, CancellationToken cancellationToken)
    {
        Start(w, gradient, hint);
        long updates = 0;
        int sweeps = 0, checks = 0;
        while (true)
        {
            if (cancellationToken.IsCancellationRequested) return new(sweeps, updates, checks, StopReason.Cancelled);
            if (sweeps >= maxSweeps) return new(sweeps, updates, checks, StopReason.MaxIterations);
            if (deadline > 0 && Stopwatch.GetTimestamp() > deadline) return new(sweeps, updates, checks, StopReason.MaxTime);
            sweeps++;
            updates += Sweep(w, lambda1, mu);
            checks++;
            if (RelativeGap(w, lambda1, mu) <= tolerance) return new(sweeps, updates, checks, StopReason.Converged);
            Enlarge(lambda1);
        }
    }

    /// <summary>
    /// Sets the gradient g = Gw − q for <paramref name="w"/> (or takes <paramref name="gradient"/>, the caller's, when not
    /// empty) and the active set: the non-zeros of <paramref name="w"/> and <paramref name="hint"/>.
    /// </summary>
    public void Start(ReadOnlySpan<double> w, ReadOnlySpan<double> gradient, bool[]? hint)
    {
        int p = _p, k = p + 1;
        if (!gradient.IsEmpty) gradient.CopyTo(_grad);
        else
        {
            // g = Gw − q over the non-zeros of w.
            for (int j = 0; j < p; j++) _grad[j] = -_g[p * k + j];
            for (int j = 0; j < p; j++)
                if (w[j] != 0) TensorPrimitives.MultiplyAdd(_g.AsSpan(j * k, p), w[j], _grad, _grad);
        }
        _count = 0;
        for (int j = 0; j < p; j++)
        {
            _active[j] = w[j] != 0 || (hint is not null && hint[j]);
            if (_active[j]) _order[_count++] = j;
        }
    }

    /// <summary>One cyclic sweep of exact coordinate steps over the active set, g kept up to date (O(p) per change);
    /// returns the number of coordinates that changed.</summary>
    public long Sweep(Span<double> w, ReadOnlySpan<double> lambda1, double mu)
    {
        int p = _p, k = p + 1;
        long updates = 0;
        for (int t = 0; t < _count; t++)
        {
            int j = _order[t];
            double h = _g[j * k + j] + mu;
            if (!(h > 0)) continue;
            double wj = w[j], v = wj - (_grad[j] + mu * wj) / h, bound = lambda1[j] / h;
            double next = v > bound ? v - bound : v < -bound ? v + bound : 0.0;
            double change = next - wj;
            if (change == 0) continue;
            w[j] = next;
            TensorPrimitives.MultiplyAdd(_g.AsSpan(j * k, p), change, _grad, _grad);
            updates++;
        }
        return updates;
    }

    /// <summary>Features outside the active set that violate their optimality condition (|g_j| &gt; λ_j) join it, in
    /// index order; returns whether any did.</summary>
    public bool Enlarge(ReadOnlySpan<double> lambda1)
    {
        bool added = false;
        for (int j = 0; j < _p; j++)
        {
            if (_active[j] || Math.Abs(_grad[j]) <= lambda1[j]) continue;
            _active[j] = true;
            added = true;
        }
        if (added)
        {
            _count = 0;
            for (int j = 0; j < _p; j++) if (_active[j]) _order[_count++] = j;
        }
        return added;
    }

    /// <summary>The p-space relative duality gap (F − D)/max(1, |F|) at <paramref name="w"/>.</summary>
    internal double RelativeGap(ReadOnlySpan<double> w, ReadOnlySpan<double> lambda1, double mu)
    {
        double gap = Gap(w, lambda1, mu, out double value);
        return ProximalGradientState.RelativeGap(gap, value);
    }

    /// <summary>F − D in p-space (see the remarks), and F.</summary>
    internal double Gap(ReadOnlySpan<double> w, ReadOnlySpan<double> lambda1, double mu, out double value)
    {
        int p = _p, k = p + 1;
        ReadOnlySpan<double> q = _g.AsSpan(p * k, p);
        double wg = TensorPrimitives.Dot(w, _grad), wq = TensorPrimitives.Dot(w, q);
        double r = Math.Max(wg - wq + _yy, 0);
        double penalty = 0, scale = 1, conjugate = 0;
        for (int j = 0; j < p; j++) penalty += lambda1[j] * Math.Abs(w[j]);
        value = 0.5 * r + 0.5 * mu * TensorPrimitives.Dot(w, w) + penalty;
        if (mu > 0)
        {
            for (int j = 0; j < p; j++)
            {
                double excess = Math.Abs(_grad[j]) - lambda1[j];
                if (excess > 0) conjugate += excess * excess;
            }
            conjugate /= 2 * mu;
        }
        else
        {
            for (int j = 0; j < p; j++)
            {
                double g = Math.Abs(_grad[j]);
                if (g == 0) continue;
                scale = Math.Max(scale, lambda1[j] > 0 ? g / lambda1[j] : double.PositiveInfinity);
            }
            if (double.IsPositiveInfinity(scale)) return double.PositiveInfinity;
        }
        double dual = -(0.5 * r / (scale * scale) + (wq - _yy) / scale) - conjugate;
        return value - dual;
    }
}
