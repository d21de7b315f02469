using OptSuite.LinearAlgebra;
using OptSuite.Objectives;

namespace OptSuite.Solvers;

/// <summary>
/// Block minimisation (see <see cref="BlockDualState"/>) of the hinge, squared-hinge and logistic duals of
/// <see cref="DualCoordinateDescent"/>: per row the coordinate steps of <see cref="BinaryDualCoordinate"/>, as in memory.
/// </summary>
/// <remarks>
/// In memory: α (and β = C − α for the logistic dual), Q̄_ii, the signs y_i and, for weighted samples, C_i — O(n) —
/// and w. The logistic sub-problems are solved to |h′| &lt; ε_inner, from 1e-2 tightened tenfold after a round whose
/// Newton steps were at most a tenth of its coordinate visits (the in-memory solver's rule, per round); a row's α starts
/// at min(10⁻³C_i, 10⁻⁸) when its block is first read (α = 0 before, where it does not enter w).
/// </remarks>
internal sealed class BlockBinaryDualState : BlockDualState
{
    private readonly sbyte[] _y;
    private readonly double[]? _c;     // null: every C_i = _uniformC
    private readonly double _uniformC;
    private readonly double[] _qd, _alpha, _beta;
    private readonly DualCoordinateStep _step;
    private readonly bool _logistic;
    private double _innerEps = 1e-2;
    private readonly double _innerEpsMin;
    private long _newton, _visits;

    public BlockBinaryDualState(IRowBlockedMap x, ReadOnlySpan<double> labels, ReadOnlySpan<double> weights, DualCoordinateStep step,
        double lambda, DualCoordinateDescentOptions options)
        : base(x, x.Columns, lambda, options)
    {
        if (step.Kind == DualCoordinateKind.None) throw new ArgumentException("The loss has no dual coordinate step.", nameof(step));
        _step = step;
        _logistic = step.Kind == DualCoordinateKind.Logistic;
        _innerEpsMin = Math.Clamp(options.Tolerance, 1e-13, 1e-8);
        int n = x.Rows;
        _y = BinaryDualCoordinate.Signs(labels);
        // C_i = a_i/λ, a_i = c_i/Σc (1/n when uniform), as in memory.
        _uniformC = 1.0 / n / lambda;
        _c = BinaryDualCoordinate.Costs(weights, lambda);
        _qd = new double[n];
        _alpha = new double[n];
        _beta = _logistic ? new double[n] : [];
        if (_logistic) for (int i = 0; i < n; i++) _beta[i] = C(i);
    }

    private double C(int i) => _c is null ? _uniformC : _c[i];

    private double Upper(double c) => _logistic || double.IsPositiveInfinity(_step.UpperBound) ? double.PositiveInfinity : _step.UpperBound * c;

    private double Diagonal(double c) => !_logistic && _step.DiagonalShift > 0 && c > 0 ? _step.DiagonalShift / c : 0;

    protected override void FirstVisit(SparseRows rows, int first)
    {
        ReadOnlySpan<double> values = rows.Values;
        for (int r = 0; r < rows.Count; r++)
        {
            int i = first + r;
            double s = 0;
            for (int t = rows.Start(r); t < rows.End(r); t++) s += values[t] * values[t];
            double c = C(i);
            _qd[i] = s + Diagonal(c);
            if (_logistic && c > 0)
            {
                _alpha[i] = Math.Min(1e-3 * c, 1e-8);
                _beta[i] = c - _alpha[i];
                rows.Axpy(r, _y[i] * _alpha[i], W);
            }
        }
    }

    protected override bool Active(int i) => C(i) > 0;

    protected override bool Informative(int i) => _logistic || _alpha[i] > 0;

    protected override bool Update(SparseRows rows, int r, int i) => _logistic ? LogisticStep(rows, r, i) : BoxStep(rows, r, i);

    /// <summary>Hsieh et al.'s coordinate step on row i (no shrinking).</summary>
    private bool BoxStep(SparseRows rows, int r, int i)
    {
        double c = C(i), a = _alpha[i], upper = Upper(c), y = _y[i];
        double g = y * rows.Dot(r, W) - 1 + Diagonal(c) * a;
        double pg = BinaryDualCoordinate.ProjectedGradient(a, g, upper);
        if (Math.Abs(pg) <= BinaryDualCoordinate.Stationary) return false;
        double next = BinaryDualCoordinate.BoxStep(a, g, _qd[i], upper);
        _alpha[i] = next;
        rows.Axpy(r, (next - a) * y, W);
        return true;
    }

    /// <summary>Yu, Huang &amp; Lin's coordinate Newton step on row i.</summary>
    private bool LogisticStep(SparseRows rows, int r, int i)
    {
        double oldAlpha = _alpha[i], y = _y[i];
        _visits++;
        int inner = BinaryDualCoordinate.LogisticNewton(C(i), _qd[i], y * rows.Dot(r, W), ref _alpha[i], ref _beta[i], _innerEps, out _);
        if (inner == 0) return false;
        _newton += inner;
        double delta = _alpha[i] - oldAlpha;
        if (delta == 0) return false;
        rows.Axpy(r, delta * y, W);
        return true;
    }

    protected override void EndRound()
    {
        if (_logistic && _newton <= _visits / 10) _innerEps = Math.Max(_innerEpsMin, 0.1 * _innerEps);
        _newton = 0;
        _visits = 0;
    }

    protected override double Loss(SparseRows rows, int first, double[] w)
    {
        double loss = 0;
        for (int r = 0; r < rows.Count; r++)
        {
            int i = first + r;
            double c = C(i);
            if (c == 0) continue;
            double m = _y[i] * rows.Dot(r, w);
            loss += c * (_logistic ? BinaryDualCoordinate.LogisticLoss(m) : BinaryDualCoordinate.BoxQuadraticLoss(m, _step));
        }
        return loss;
    }

    protected override double DualTerms()
    {
        double terms = 0;
        for (int i = 0; i < _alpha.Length; i++)
        {
            double c = C(i);
            if (c == 0) continue;
            terms += _logistic
                ? BinaryDualCoordinate.LogisticDualTerm(_alpha[i], _beta[i], c)
                : BinaryDualCoordinate.BoxQuadraticDualTerm(_alpha[i], Diagonal(c));
        }
        return terms;
    }
}
