using OptSuite.Objectives;

namespace OptSuite.Tests.Solvers;

/// <summary>
/// Small hand-written objectives for solver tests, independent of the library's objectives: least squares and
/// logistic regression on a dense matrix, with an optional L1 or squared-L2 penalty, plus pathological ones.
/// </summary>
internal sealed class DenseGlm : ICompositeFunction, IL1CompositeFunction
{
    private readonly double[,] _a;
    private readonly double[] _y, _z, _r, _l1;
    private readonly bool _logistic;
    private readonly double _l2;

    public DenseGlm(double[,] a, double[] y, bool logistic, double l1 = 0, double l2 = 0)
    {
        _a = a; _y = y; _logistic = logistic; _l2 = l2;
        _z = new double[a.GetLength(0)]; _r = new double[a.GetLength(0)];
        _l1 = Enumerable.Repeat(l1, a.GetLength(1)).ToArray();
        L1 = l1;
    }

    public double L1 { get; }
    public bool HasNonsmoothPart => L1 != 0;
    public int Dimension => _a.GetLength(1);
    public int Rows => _a.GetLength(0);
    public ReadOnlySpan<double> L1Weights => _l1;
    public long Evaluations { get; private set; }

    private double[]? _scratch;

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, _scratch ??= new double[Dimension]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Evaluations++;
        int n = Rows, p = Dimension;
        double f = 0;
        for (int i = 0; i < n; i++)
        {
            double z = 0;
            for (int j = 0; j < p; j++) z += _a[i, j] * x[j];
            if (_logistic)
            {
                double m = _y[i] * z;
                f += m > 0 ? double.LogP1(Math.Exp(-m)) : -m + double.LogP1(Math.Exp(m));
                _r[i] = -_y[i] / (1 + Math.Exp(m)) / n;
            }
            else
            {
                f += 0.5 * (z - _y[i]) * (z - _y[i]);
                _r[i] = (z - _y[i]) / n;
            }
        }
        f /= n;
        for (int j = 0; j < p; j++)
        {
            double g = 0;
            for (int i = 0; i < n; i++) g += _a[i, j] * _r[i];
            gradient[j] = g + _l2 * x[j];
            f += 0.5 * _l2 * x[j] * x[j];
        }
        return f;
    }

    public double SmoothLipschitz
    {
        get
        {
            // ‖A‖_F²/n bounds λ_max(AᵀA)/n.
            double s = 0;
            foreach (double v in _a) s += v * v;
            return (_logistic ? 0.25 : 1.0) * s / Rows + _l2;
        }
    }

    public double NonsmoothValue(ReadOnlySpan<double> x)
    {
        double s = 0;
        foreach (double v in x) s += Math.Abs(v);
        return L1 * s;
    }

    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        double t = step * L1;
        for (int j = 0; j < v.Length; j++) result[j] = Math.Sign(v[j]) * Math.Max(Math.Abs(v[j]) - t, 0);
        return NonsmoothValue(result);
    }

    public bool HasDualityGap => false;
    public double DualityGap(ReadOnlySpan<double> x) => double.NaN;

    /// <summary>max_j of the KKT violation dist(−∇f_j, λ∂|w_j|).</summary>
    public double KktViolation(ReadOnlySpan<double> x)
    {
        var g = new double[Dimension];
        ValueAndGradient(x, g);
        double worst = 0;
        for (int j = 0; j < x.Length; j++)
        {
            double v = x[j] == 0 ? Math.Max(Math.Abs(g[j]) - L1, 0) : Math.Abs(g[j] + L1 * Math.Sign(x[j]));
            worst = Math.Max(worst, v);
        }
        return worst;
    }

    public static DenseGlm Random(int seed, int n, int p, bool logistic, double l1 = 0, double l2 = 0)
    {
        var rng = new Random(seed);
        var a = new double[n, p];
        var wTrue = new double[p];
        for (int j = 0; j < p; j++) wTrue[j] = j % 3 == 0 ? rng.NextDouble() * 4 - 2 : 0;
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z = 0;
            for (int j = 0; j < p; j++) { a[i, j] = Gaussian(rng) * (1 + j % 5); z += a[i, j] * wTrue[j]; }
            y[i] = logistic ? (z + Gaussian(rng) > 0 ? 1 : -1) : z + 0.5 * Gaussian(rng);
        }
        return new DenseGlm(a, y, logistic, l1, l2);
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}

/// <summary>Rosenbrock's function in d dimensions (minimum 0 at all ones).</summary>
internal sealed class Rosenbrock(int dimension) : IDifferentiableFunction
{
    public int Dimension => dimension;
    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[dimension]);
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        g.Clear();
        double f = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = x[i + 1] - x[i] * x[i], b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * x[i] * a - 2 * b;
            g[i + 1] += 200 * a;
        }
        return f;
    }
}

/// <summary>A quadratic that returns NaN once x leaves a ball, to exercise NonFinite stops.</summary>
internal sealed class PoisonedQuadratic(double radius) : ICompositeFunction
{
    public int Dimension => 2;
    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[2]);
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        // f = −x₀ − x₁ (unbounded below) until the point leaves the ball, then NaN.
        g[0] = -1; g[1] = -1;
        if (x[0] * x[0] + x[1] * x[1] > radius * radius) { g[0] = double.NaN; return double.NaN; }
        return -x[0] - x[1];
    }
    public double SmoothLipschitz => 1;
    public bool HasNonsmoothPart => false;
    public double NonsmoothValue(ReadOnlySpan<double> x) => 0;
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result) { v.CopyTo(result); return 0; }
    public bool HasDualityGap => false;
    public double DualityGap(ReadOnlySpan<double> x) => double.NaN;
}

/// <summary>f(x) = ½‖x‖² with a gradient of the wrong sign: no line search can succeed.</summary>
internal sealed class WrongGradient : IL1CompositeFunction
{
    public int Dimension => 3;
    public ReadOnlySpan<double> L1Weights => new double[3];
    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[3]);
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0;
        for (int i = 0; i < 3; i++) { f += 0.5 * x[i] * x[i]; g[i] = -x[i]; }
        return f;
    }
}
