using System.Numerics.Tensors;
using OptSuite.LinearAlgebra;

namespace OptSuite.Solvers;

/// <summary>
/// The sequential dual method of Keerthi, Sundararajan, Chang, Hsieh &amp; Lin (2008) for the Crammer–Singer
/// multiclass SVM (LIBLINEAR -s 4): one sample's k dual variables at a time, each sub-problem solved in closed form.
/// </summary>
/// <remarks>
/// Dual (LIBLINEAR units, C_i = a_i/λ): min_α ½‖W‖²_F + Σ_i Σ_{m≠y_i} α_i^m with W_·m = Σ_i α_i^m x_i, Σ_m α_i^m = 0,
/// α_i^m ≤ C_i·1[m = y_i]. For sample i with A = ‖x_i‖² and B_m = w_m·x_i + 1[m ≠ y_i] − Aα_i^m, the sub-problem
/// min ½A‖α‖² + Bᵀα over that set has α^m = min(C^m, (β − B_m)/A), β found by sorting D_m = B_m + AC^m and taking
/// the largest r with β_r = (Σ_{top r} D − AC)/r above the next D (Crammer &amp; Singer 2001).
/// Samples with α_i = 0 lying beyond the margin by more than a threshold are shrunk (skipped) until the active ones look
/// solved; then all come back and the threshold tightens tenfold. The duality gap decides the stop.
/// </remarks>
internal sealed class CrammerSingerDualState : ISolverState
{
    private readonly CsrMatrix _x;
    private readonly int[] _y;
    private readonly double[] _c, _sq, _alpha, _w;   // α: n×k row-major; W: p×k row-major
    private readonly int _k;
    private readonly int[] _index;
    private readonly double[] _b, _d, _sorted, _delta;
    private readonly double _lambda;
    private readonly DualCoordinateDescentOptions _options;
    private readonly Random _rng;
    private readonly int _count;
    private int _active;
    private double _threshold = 0.1;
    private int _epochs;
    private long _updates, _passes;
    private double _primal = double.NaN, _gap = double.NaN;

    public CrammerSingerDualState(ILinearMap x, ReadOnlySpan<int> labels, int classes, ReadOnlySpan<double> weights, double lambda,
        DualCoordinateDescentOptions options)
    {
        options.Validate();
        _x = RowMajorSparse.From(x);
        _k = classes;
        _lambda = lambda;
        _options = options;
        _rng = new Random(options.Seed);
        int n = x.Rows;
        _y = labels.ToArray();
        _c = new double[n];
        _sq = new double[n];
        _x.RowSquaredNorms(_sq);
        _alpha = new double[n * classes];
        _w = new double[x.Columns * classes];
        _index = new int[n];
        _b = new double[classes]; _d = new double[classes]; _sorted = new double[classes]; _delta = new double[classes];
        for (int i = 0; i < n; i++)
        {
            _c[i] = (weights.IsEmpty ? 1.0 / n : weights[i]) / lambda;
            if (_c[i] > 0 && _sq[i] > 0) _index[_count++] = i;
        }
        _active = _count;
    }

    public double Criterion { get; private set; } = double.PositiveInfinity;

    public EvaluationCounts Counts => new(_passes, _passes, _updates);

    public ReadOnlySpan<double> Weights => _w;

    public StepOutcome Step()
    {
        _epochs++;
        for (int s = 0; s < _active - 1; s++)
        {
            int r = s + _rng.Next(_active - s);
            (_index[s], _index[r]) = (_index[r], _index[s]);
        }
        ReadOnlySpan<int> ptr = _x.RowPointers, idx = _x.ColumnIndices;
        ReadOnlySpan<double> val = _x.Values;
        int k = _k;
        double worst = 0;
        for (int s = 0; s < _active; s++)
        {
            int i = _index[s], y = _y[i];
            double a = _sq[i], c = _c[i];
            Span<double> alpha = _alpha.AsSpan(i * k, k);
            // Gradient g_m = w_m·x_i + 1[m ≠ y].
            Span<double> g = _b;
            g.Clear();
            for (int t = ptr[i]; t < ptr[i + 1]; t++)
                TensorPrimitives.MultiplyAdd(_w.AsSpan(idx[t] * k, k), val[t], g, g);
            for (int m = 0; m < k; m++) if (m != y) g[m] += 1.0;

            // KKT spread of the sub-problem: mass may move from any m (no lower bounds) to an m below its upper bound,
            // which pays while max_m g_m > min_{m: α^m < C^m} g_m.
            double gMin = double.PositiveInfinity, gMax = double.NegativeInfinity;
            for (int m = 0; m < k; m++)
            {
                gMax = Math.Max(gMax, g[m]);
                if (alpha[m] < (m == y ? c : 0.0)) gMin = Math.Min(gMin, g[m]);
            }
            double violation = gMax - gMin;
            if (_options.Shrinking && IsZero(alpha) && MarginSlack(g, y) > _threshold)
            {
                _active--;
                (_index[s], _index[_active]) = (_index[_active], _index[s]);
                s--;
                continue;
            }
            worst = Math.Max(worst, violation);
            if (violation <= 1e-14) continue;

            // B_m = g_m − Aα^m; D_m = B_m + A·C^m; β from the sorted D.
            for (int m = 0; m < k; m++)
            {
                _b[m] = g[m] - a * alpha[m];
                _d[m] = _b[m] + (m == y ? a * c : 0.0);
            }
            _d.AsSpan().CopyTo(_sorted);
            _sorted.AsSpan().Sort();
            double sum = -a * c, beta = 0;
            for (int r = 0; r < k; r++)
            {
                sum += _sorted[k - 1 - r];
                beta = sum / (r + 1);
                if (r == k - 1 || beta >= _sorted[k - 2 - r]) break;
            }
            bool changed = false;
            for (int m = 0; m < k; m++)
            {
                double next = Math.Min(m == y ? c : 0.0, (beta - _b[m]) / a);
                _delta[m] = next - alpha[m];
                if (_delta[m] != 0) changed = true;
                alpha[m] = next;
            }
            if (!changed) continue;
            _updates++;
            for (int t = ptr[i]; t < ptr[i + 1]; t++)
                TensorPrimitives.MultiplyAdd(_delta, val[t], _w.AsSpan(idx[t] * k, k), _w.AsSpan(idx[t] * k, k));
        }
        _passes++;
        // Bring every sample back once the active ones look solved, and tighten the bar.
        if (worst <= _threshold)
        {
            if (_active < _count) _active = _count;
            else _threshold *= 0.1;
        }
        return Vec.AllFinite(_w) ? StepOutcome.Continue : StepOutcome.NonFinite;
    }

    /// <summary>True when the sample has no dual weight (it is not a support vector).</summary>
    private static bool IsZero(ReadOnlySpan<double> alpha)
    {
        for (int m = 0; m < alpha.Length; m++) if (alpha[m] != 0) return false;
        return true;
    }

    /// <summary>g_y − max_{m≠y} g_m: how far beyond the margin a sample with α = 0 lies (it stays at 0 while &gt; 0).</summary>
    private static double MarginSlack(ReadOnlySpan<double> g, int y)
    {
        double max = double.NegativeInfinity;
        for (int m = 0; m < g.Length; m++) if (m != y) max = Math.Max(max, g[m]);
        return g[y] - max;
    }

    public bool HasConverged(double tolerance)
    {
        if (_epochs > 0 && _epochs % _options.GapCheckEvery != 0) return false;
        ComputeGap();
        Criterion = _primal > 0 ? Math.Max(_gap, 0) / _primal : Math.Max(_gap, 0);
        return Criterion <= tolerance;
    }

    /// <summary>P(W) = λ(½‖W‖² + Σ C_i ℓ_CS) and P − D with D = −λ(½‖W‖² + Σ_i Σ_{m≠y_i} α_i^m).</summary>
    private void ComputeGap()
    {
        ReadOnlySpan<int> ptr = _x.RowPointers, idx = _x.ColumnIndices;
        ReadOnlySpan<double> val = _x.Values;
        int k = _k;
        double ww = TensorPrimitives.Dot(_w, _w);
        double loss = 0, linear = 0;
        Span<double> s = _b;
        for (int i = 0; i < _y.Length; i++)
        {
            double c = _c[i];
            if (c == 0) continue;
            s.Clear();
            for (int t = ptr[i]; t < ptr[i + 1]; t++)
                TensorPrimitives.MultiplyAdd(_w.AsSpan(idx[t] * k, k), val[t], s, s);
            int y = _y[i];
            double max = s[y];
            for (int m = 0; m < k; m++) if (m != y) max = Math.Max(max, s[m] + 1.0);
            loss += c * (max - s[y]);
            for (int m = 0; m < k; m++) if (m != y) linear += _alpha[i * k + m];
        }
        _passes++;
        _primal = _lambda * (0.5 * ww + loss);
        _gap = _lambda * (0.5 * ww + loss + 0.5 * ww + linear);
    }

    public double Objective()
    {
        ComputeGap();
        return _primal;
    }

    public double DualityGap()
    {
        ComputeGap();
        return _gap;
    }

    public SolverResult ToResult(LoopOutcome outcome)
    {
        ComputeGap();
        return new SolverResult
        {
            Solution = _w.ToArray(),
            Objective = _primal,
            Iterations = outcome.Iterations,
            StopReason = outcome.StopReason,
            Criterion = Criterion,
            DualityGap = _gap,
            Counts = Counts,
            Elapsed = outcome.Elapsed,
            Trace = outcome.Trace,
        };
    }
}
