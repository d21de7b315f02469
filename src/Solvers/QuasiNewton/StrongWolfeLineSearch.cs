using OptSuite.Objectives;

namespace OptSuite.Solvers;

/// <summary>
/// A line search for the strong Wolfe conditions φ(α) ≤ φ(0) + c₁αφ′(0) and |φ′(α)| ≤ c₂|φ′(0)|, by bracketing and
/// zoom with safeguarded cubic interpolation (Nocedal &amp; Wright 2006, Algorithms 3.5 and 3.6).
/// </summary>
/// <remarks>
/// Non-finite trial values count as "too far" and shrink the bracket. When the evaluation budget runs out, the best
/// trial satisfying sufficient decrease is returned (<see cref="LineSearchStatus.DecreaseOnly"/>), so a solver always
/// keeps its best point. All buffers are allocated once.
/// </remarks>
internal sealed class StrongWolfeLineSearch
{
    private readonly double[] _trialX, _trialG, _bestX, _bestG;
    private readonly double _c1, _c2;
    private readonly int _maxEvaluations;
    private IDifferentiableFunction _f = null!;
    private double[] _x = [], _d = [];
    private double _f0, _slope0, _bestStep, _bestValue;
    private bool _trialAccepted;

    public StrongWolfeLineSearch(int dimension, double c1, double c2, int maxEvaluations)
    {
        _trialX = new double[dimension]; _trialG = new double[dimension];
        _bestX = new double[dimension]; _bestG = new double[dimension];
        _c1 = c1; _c2 = c2; _maxEvaluations = maxEvaluations;
    }

    /// <summary>Function evaluations of the last search.</summary>
    public int Evaluations { get; private set; }

    /// <summary>The accepted step α.</summary>
    public double Step => _trialAccepted ? _acceptedStep : _bestStep;

    /// <summary>φ at the accepted point.</summary>
    public double Value => _trialAccepted ? _acceptedValue : _bestValue;

    /// <summary>The accepted point x + αd.</summary>
    public ReadOnlySpan<double> Point => _trialAccepted ? _trialX : _bestX;

    /// <summary>∇f at the accepted point.</summary>
    public ReadOnlySpan<double> Gradient => _trialAccepted ? _trialG : _bestG;

    private double _acceptedStep, _acceptedValue;

    /// <summary>Searches along the descent direction <paramref name="d"/> (φ′(0) = <paramref name="slope0"/> &lt; 0).</summary>
    public LineSearchStatus Search(IDifferentiableFunction f, double[] x, double f0, double slope0, double[] d, double initialStep)
    {
        _f = f; _x = x; _d = d; _f0 = f0; _slope0 = slope0;
        _bestStep = 0; _bestValue = f0; _trialAccepted = false;
        Evaluations = 0;

        double aPrev = 0, fPrev = f0, dPrev = slope0;
        double a = initialStep;
        for (int i = 0; Evaluations < _maxEvaluations; i++)
        {
            (double fa, double da) = Evaluate(a);
            if (!double.IsFinite(fa) || !Decreases(a, fa, da) || (i > 0 && fa >= fPrev && !NearlyFlat(fa, da)))
                return Zoom(aPrev, fPrev, dPrev, a, fa, da);
            Remember(a, fa);
            if (Math.Abs(da) <= -_c2 * slope0) return Accept(a, fa);
            if (da >= 0) return Zoom(a, fa, da, aPrev, fPrev, dPrev);
            aPrev = a; fPrev = fa; dPrev = da;
            a *= 2.5;
        }
        return Fallback();
    }

    private LineSearchStatus Zoom(double lo, double fLo, double dLo, double hi, double fHi, double dHi)
    {
        while (Evaluations < _maxEvaluations)
        {
            double width = hi - lo;
            if (Math.Abs(width) <= 1e-15 * Math.Max(Math.Abs(lo), Math.Abs(hi))) break;
            double a = Cubic(lo, fLo, dLo, hi, fHi, dHi);
            double left = Math.Min(lo, hi) + 0.1 * Math.Abs(width), right = Math.Max(lo, hi) - 0.1 * Math.Abs(width);
            if (!(a >= left && a <= right)) a = 0.5 * (lo + hi);

            (double fa, double da) = Evaluate(a);
            if (!double.IsFinite(fa) || !Decreases(a, fa, da) || (fa >= fLo && !NearlyFlat(fa, da)))
            {
                hi = a; fHi = fa; dHi = da;
                continue;
            }
            Remember(a, fa);
            if (Math.Abs(da) <= -_c2 * _slope0) return Accept(a, fa);
            if (da * (hi - lo) >= 0) { hi = lo; fHi = fLo; dHi = dLo; }
            lo = a; fLo = fa; dLo = da;
        }
        return Fallback();
    }

    /// <summary>
    /// Sufficient decrease φ(α) ≤ φ(0) + c₁αφ′(0), or — once the decrease is below what φ can resolve in floating
    /// point — Hager &amp; Zhang's (2005) approximate Wolfe test: φ(α) ≤ φ(0) + ε|φ(0)| and φ′(α) ≤ (2δ − 1)φ′(0), δ = 0.1.
    /// Without it L-BFGS stalls near the optimum where f differences drown in rounding but gradients are still exact.
    /// </summary>
    private bool Decreases(double a, double fa, double da) =>
        fa <= _f0 + _c1 * a * _slope0 || NearlyFlat(fa, da);

    private bool NearlyFlat(double fa, double da) =>
        fa <= _f0 + FlatTolerance * Math.Abs(_f0) && da <= -0.8 * _slope0;

    private const double FlatTolerance = 1e-12;

    /// <summary>The minimiser of the cubic matching φ and φ′ at both ends (N&amp;W eq. 3.59); NaN when undefined.</summary>
    private static double Cubic(double a, double fa, double da, double b, double fb, double db)
    {
        if (!double.IsFinite(fb) || !double.IsFinite(db)) return double.NaN;
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double disc = d1 * d1 - da * db;
        if (!(disc >= 0)) return double.NaN;
        double d2 = Math.Sign(b - a) * Math.Sqrt(disc);
        return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
    }

    private (double Value, double Slope) Evaluate(double a)
    {
        Evaluations++;
        Vec.AddScaled(_x, a, _d, _trialX);
        double fa = _f.ValueAndGradient(_trialX, _trialG);
        double da = Vec.Dot(_trialG, _d);
        return (fa, da);
    }

    /// <summary>Keeps the trial point when it is the lowest sufficient-decrease point so far.</summary>
    private void Remember(double a, double fa)
    {
        if (fa < _bestValue || (_bestStep == 0 && fa <= _f0 + FlatTolerance * Math.Abs(_f0)))
        {
            _bestValue = fa; _bestStep = a;
            _trialX.AsSpan().CopyTo(_bestX);
            _trialG.AsSpan().CopyTo(_bestG);
        }
    }

    private LineSearchStatus Accept(double a, double fa)
    {
        _trialAccepted = true;
        _acceptedStep = a; _acceptedValue = fa;
        return LineSearchStatus.Wolfe;
    }

    private LineSearchStatus Fallback() => _bestStep > 0 ? LineSearchStatus.DecreaseOnly : LineSearchStatus.Failed;
}
