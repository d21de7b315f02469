namespace OptSuite.Solvers;

/// <summary>
/// The last m curvature pairs (s, y) in ring buffers and the two-loop recursion (Nocedal &amp; Wright 2006, Alg. 7.4)
/// that applies the L-BFGS inverse-Hessian approximation, with initial scaling γ = sᵀy / yᵀy.
/// </summary>
internal sealed class LbfgsHistory
{
    private readonly double[][] _s;
    private readonly double[][] _y;
    private readonly double[] _rho;
    private readonly double[] _alpha;
    private int _count;
    private int _newest = -1;

    public LbfgsHistory(int size, int dimension)
    {
        _s = new double[size][];
        _y = new double[size][];
        for (int i = 0; i < size; i++) { _s[i] = new double[dimension]; _y[i] = new double[dimension]; }
        _rho = new double[size];
        _alpha = new double[size];
    }

    public int Count => _count;

    public void Clear() { _count = 0; _newest = -1; }

    /// <summary>Stores s = x⁺ − x and y = g⁺ − g when the curvature sᵀy is safely positive; returns whether it did.</summary>
    public bool TryPush(ReadOnlySpan<double> xNew, ReadOnlySpan<double> x, ReadOnlySpan<double> gNew, ReadOnlySpan<double> g)
    {
        int slot = (_newest + 1) % _s.Length;
        double[] s = _s[slot], y = _y[slot];
        double sy = 0, yy = 0;
        for (int i = 0; i < s.Length; i++)
        {
            double si = xNew[i] - x[i], yi = gNew[i] - g[i];
            s[i] = si; y[i] = yi;
            sy += si * yi; yy += yi * yi;
        }
        // Skip pairs without safely positive curvature: they would make H indefinite (OWL-QN and rounding near the optimum).
        if (!(sy > 1e-12 * yy) || !(yy > 0) || !double.IsFinite(sy)) return false;
        _rho[slot] = 1.0 / sy;
        _newest = slot;
        if (_count < _s.Length) _count++;
        return true;
    }

    /// <summary>q ← H·q, the inverse-Hessian approximation applied in place (q unchanged scaled identity when empty).</summary>
    public void Apply(Span<double> q)
    {
        int m = _s.Length;
        for (int k = 0, i = _newest; k < _count; k++, i = (i - 1 + m) % m)
        {
            double a = _rho[i] * Vec.Dot(_s[i], q);
            _alpha[i] = a;
            Vec.Axpy(-a, _y[i], q);
        }
        if (_count > 0)
        {
            double[] y = _y[_newest];
            double gamma = 1.0 / (_rho[_newest] * Vec.Dot(y, y));
            Vec.Scale(q, gamma);
        }
        int oldest = (_newest - _count + 1 + m) % m;
        for (int k = 0, i = oldest; k < _count; k++, i = (i + 1) % m)
        {
            double b = _rho[i] * Vec.Dot(_y[i], q);
            Vec.Axpy(_alpha[i] - b, _s[i], q);
        }
    }
}
