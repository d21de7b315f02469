using OptSuite.LinearAlgebra;
using OptSuite.Objectives;

namespace OptSuite.Solvers;

/// <summary>
/// Block minimisation (see <see cref="BlockDualState"/>) of support vector regression's dual: per row the coordinate
/// step of <see cref="SvrDualCoordinate"/> (Ho &amp; Lin 2012), as in memory, without shrinking.
/// </summary>
/// <remarks>In memory: β, Q_ii + D_i, the targets y_i and, for weighted samples, C_i — O(n) — and w = Σβ_i x_i. Rows
/// with β_i ≠ 0 are the informative ones the cache keeps.</remarks>
internal sealed class BlockSvrDualState : BlockDualState
{
    private readonly double[] _y, _qd, _beta;
    private readonly double[]? _c;     // null: every C_i = _uniformC
    private readonly double _uniformC, _epsilon;
    private readonly DualCoordinateStep _step;

    public BlockSvrDualState(IRowBlockedMap x, ReadOnlySpan<double> labels, ReadOnlySpan<double> weights, DualCoordinateStep step,
        double lambda, DualCoordinateDescentOptions options)
        : base(x, x.Columns, lambda, options)
    {
        if (step.Kind != DualCoordinateKind.EpsilonInsensitive) throw new ArgumentException("The loss has no ε-insensitive dual step.", nameof(step));
        _step = step;
        _epsilon = step.Epsilon;
        int n = x.Rows;
        _y = labels.ToArray();
        // C_i = a_i/λ, a_i = c_i/Σc (1/n when uniform), as in memory.
        _uniformC = 1.0 / n / lambda;
        _c = BinaryDualCoordinate.Costs(weights, lambda);
        _qd = new double[n];
        _beta = new double[n];
    }

    private double C(int i) => _c is null ? _uniformC : _c[i];

    private double Upper(double c) => double.IsPositiveInfinity(_step.UpperBound) ? double.PositiveInfinity : _step.UpperBound * c;

    private double Diagonal(double c) => _step.DiagonalShift > 0 && c > 0 ? _step.DiagonalShift / c : 0;

    protected override void FirstVisit(SparseRows rows, int first)
    {
        ReadOnlySpan<double> values = rows.Values;
        for (int r = 0; r < rows.Count; r++)
        {
            int i = first + r;
            double s = 0;
            for (int t = rows.Start(r); t < rows.End(r); t++) s += values[t] * values[t];
            _qd[i] = s + Diagonal(C(i));
        }
    }

    protected override bool Active(int i) => C(i) > 0;

    protected override bool Informative(int i) => _beta[i] != 0;

    protected override bool Update(SparseRows rows, int r, int i)
    {
        double c = C(i), b = _beta[i], upper = Upper(c);
        double g = rows.Dot(r, W) - _y[i] + Diagonal(c) * b;
        if (SvrDualCoordinate.Violation(b, g, _epsilon, upper, double.PositiveInfinity, out _) <= BinaryDualCoordinate.Stationary) return false;
        double next = SvrDualCoordinate.Step(b, g, _qd[i], _epsilon, upper);
        if (next == b) return false;
        _beta[i] = next;
        rows.Axpy(r, next - b, W);
        return true;
    }

    protected override double Loss(SparseRows rows, int first, double[] w)
    {
        double loss = 0;
        for (int r = 0; r < rows.Count; r++)
        {
            int i = first + r;
            double c = C(i);
            if (c == 0) continue;
            loss += c * SvrDualCoordinate.Loss(rows.Dot(r, w) - _y[i], _step);
        }
        return loss;
    }

    protected override double DualTerms()
    {
        double terms = 0;
        for (int i = 0; i < _beta.Length; i++)
        {
            double c = C(i);
            if (c == 0) continue;
            terms += SvrDualCoordinate.DualTerm(_beta[i], _y[i], _epsilon, Diagonal(c));
        }
        return terms;
    }
}
