using OptSuite.LinearAlgebra;

namespace OptSuite.Solvers;

/// <summary>
/// Block minimisation (see <see cref="BlockDualState"/>) of the Crammer–Singer dual of <see cref="CrammerSingerDualState"/>:
/// per sample the closed-form k-variable step of <see cref="CrammerSingerStep"/> over all classes (no shrinking).
/// </summary>
/// <remarks>
/// In memory: α (n×k), ‖x_i‖², the labels and, for weighted samples, C_i, and W (p×k). A sample with x_i = 0 does not
/// enter W; on its block's first visit it gets its exact solution (mass C_i moved from the true class to another), as in
/// memory.
/// </remarks>
internal sealed class BlockCrammerSingerDualState : BlockDualState
{
    private readonly int _k;
    private readonly int[] _y;
    private readonly double[]? _c;     // null: every C_i = _uniformC
    private readonly double _uniformC;
    private readonly double[] _sq, _alpha;
    private readonly CrammerSingerStep _step;

    public BlockCrammerSingerDualState(IRowBlockedMap x, ReadOnlySpan<int> labels, int classes, ReadOnlySpan<double> weights, double lambda,
        DualCoordinateDescentOptions options)
        : base(x, x.Columns * classes, lambda, options)
    {
        int n = x.Rows;
        _k = classes;
        _y = labels.ToArray();
        _uniformC = 1.0 / n / lambda;
        _c = BinaryDualCoordinate.Costs(weights, lambda);
        _sq = new double[n];
        _alpha = new double[(long)n * classes];
        _step = new CrammerSingerStep(classes);
    }

    private double C(int i) => _c is null ? _uniformC : _c[i];

    protected override void FirstVisit(SparseRows rows, int first)
    {
        ReadOnlySpan<double> values = rows.Values;
        int k = _k;
        for (int r = 0; r < rows.Count; r++)
        {
            int i = first + r;
            double s = 0;
            for (int t = rows.Start(r); t < rows.End(r); t++) s += values[t] * values[t];
            _sq[i] = s;
            double c = C(i);
            if (s == 0 && c > 0)
            {
                _alpha[(long)i * k + _y[i]] = c;
                _alpha[(long)i * k + (_y[i] == 0 ? 1 : 0)] = -c;
            }
        }
    }

    protected override bool Active(int i) => C(i) > 0 && _sq[i] > 0;

    /// <summary>Rows whose dual variables left their start (α_i ≠ 0: the sample is a support vector).</summary>
    protected override bool Informative(int i)
    {
        ReadOnlySpan<double> alpha = _alpha.AsSpan((int)((long)i * _k), _k);
        foreach (double a in alpha) if (a != 0) return true;
        return false;
    }

    protected override bool Update(SparseRows rows, int r, int i)
    {
        int y = _y[i], k = _k;
        double c = C(i), worst = 0;
        ReadOnlySpan<int> all = _step.AllClasses;
        Span<double> alpha = _alpha.AsSpan((int)((long)i * k), k);
        Span<double> g = _step.Gradient(rows, r, W, all, y);
        CrammerSingerStep.Extremes(alpha, all, g, y, c, out double gMin, out double gMax);
        return _step.Solve(rows, r, W, _sq[i], c, alpha, all, g, y, gMin, gMax, ref worst);
    }

    protected override double Loss(SparseRows rows, int first, double[] w)
    {
        double loss = 0;
        for (int r = 0; r < rows.Count; r++)
        {
            int i = first + r;
            double c = C(i);
            if (c != 0) loss += _step.Loss(rows, r, w, _y[i], c);
        }
        return loss;
    }

    protected override double DualTerms()
    {
        double linear = 0;
        int k = _k;
        for (int i = 0; i < _y.Length; i++)
        {
            if (C(i) == 0) continue;
            int y = _y[i];
            for (int m = 0; m < k; m++) if (m != y) linear += _alpha[(long)i * k + m];
        }
        return linear;
    }
}
