using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Multiclass;
using OptSuite.Prox.Regularizers;

namespace OptSuite.Solvers;

/// <summary>
/// The buffers and one step of <see cref="TrustRegionNewton"/> for the L2-penalised multinomial logistic regression
/// (1/Σc)Σc_i [logsumexp(s_i) − s_{i,y_i}] + (μ/2)‖W‖²_F, s_i = Wᵀx_i + b: the same trust-region method as the
/// single-output state, on the p×k weights and k intercepts.
/// </summary>
/// <remarks>
/// With π_i = softmax(s_i), the Hessian acts on a direction (V, v_b) as S = XV + 1v_bᵀ,
/// T_i = a_i(π_i ⊙ S_i − π_i(π_iᵀS_i)), HV = XᵀT + μV, Hv_b = Σ_i T_i — k products and k transposed products, no
/// Hessian formed (Lin, Weng &amp; Keerthi 2008 §5 use the same product for the multinomial model; LIBLINEAR's -s 0
/// is the binary case). Jacobi preconditioner: M_{jc} = Σ_i a_i π_ic(1 − π_ic)x_ij² + μ. Lin &amp; Moré's (1999)
/// radius updates and Steihaug's (1983) truncated conjugate gradients as in the single-output state. The curvature
/// makes the method indifferent to the scale of the features and to columns whose means dwarf their spread, where
/// L-BFGS crawls (raw vehicle silhouettes: 10⁴ L-BFGS iterations left a relative gap of 1.6).
/// </remarks>
internal sealed class MultinomialTrustRegionNewtonState : ISolverState
{
    private const double Eta0 = 1e-4, Eta1 = 0.25, Eta2 = 0.75, Sigma1 = 0.25, Sigma2 = 0.5, Sigma3 = 4;

    private readonly MulticlassLinearObjective<MultinomialLogisticLoss, ZeroRegularizer> _f;
    private readonly TrustRegionNewtonOptions _options;
    private readonly ILinearMap _data;
    private readonly int _n, _p, _k, _dim, _weights;
    private readonly bool _intercept;
    private readonly double _mu;
    private readonly double[] _a;
    private readonly int[] _y;
    private readonly double[] _x, _trial, _g, _m, _s, _r, _d, _hd;
    private readonly double[] _z, _zTrial, _pi, _t;   // n×k row-major
    private readonly double[] _column, _rows;          // p and n
    private double _value, _radius = double.NaN;
    private bool _nonFinite, _stalled;
    private long _functions, _gradients, _hessianProducts, _moves, _checkedAt = -1;
    private int _steps;
    private double _checkedGap;

    public MultinomialTrustRegionNewtonState(MulticlassLinearObjective<MultinomialLogisticLoss, ZeroRegularizer> objective,
        ReadOnlySpan<double> x0, TrustRegionNewtonOptions options)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _f = objective;
        _options = options;
        _data = objective.Data;
        _n = objective.Samples;
        _p = objective.Features;
        _k = objective.Classes;
        _weights = _p * _k;
        _dim = objective.Dimension;
        _intercept = objective.FitIntercept;
        _mu = objective.Ridge;
        _a = objective.SampleWeights.IsEmpty ? Enumerable.Repeat(1.0 / _n, _n).ToArray() : objective.SampleWeights.ToArray();
        _y = objective.Labels.ToArray();
        _x = StartingPoint.Copy(x0, _dim);
        _trial = new double[_dim];
        _g = new double[_dim];
        _m = new double[_dim];
        _s = new double[_dim];
        _r = new double[_dim];
        _d = new double[_dim];
        _hd = new double[_dim];
        _z = new double[_n * _k];
        _zTrial = new double[_n * _k];
        _pi = new double[_n * _k];
        _t = new double[_n * _k];
        _column = new double[_p];
        _rows = new double[_n];
        _value = Scores(_x, _z);
        _functions++;
        Gradient();
        _nonFinite = !double.IsFinite(_value) || !Vec.AllFinite(_g);
    }

    public double Criterion { get; private set; } = double.PositiveInfinity;

    public EvaluationCounts Counts => new(_functions, _gradients + _hessianProducts, 0);

    /// <summary>S = XV + 1v_bᵀ for the direction <paramref name="v"/> (W layout, then b) into <paramref name="scores"/>.</summary>
    private void Product(ReadOnlySpan<double> v, Span<double> scores)
    {
        int k = _k;
        for (int c = 0; c < k; c++)
        {
            for (int j = 0; j < _p; j++) _column[j] = v[j * k + c];
            _data.Apply(_column, _rows);
            double b = _intercept ? v[_weights + c] : 0;
            for (int i = 0; i < _n; i++) scores[i * k + c] = _rows[i] + b;
        }
    }

    /// <summary>XᵀT + μV (and Σ_i T_i) into <paramref name="result"/>.</summary>
    private void TransposedProduct(ReadOnlySpan<double> t, ReadOnlySpan<double> v, Span<double> result)
    {
        int k = _k;
        for (int c = 0; c < k; c++)
        {
            double sum = 0;
            for (int i = 0; i < _n; i++) { _rows[i] = t[i * k + c]; sum += _rows[i]; }
            _data.ApplyTranspose(_rows, _column);
            for (int j = 0; j < _p; j++) result[j * k + c] = _column[j] + _mu * v[j * k + c];
            if (_intercept) result[_weights + c] = sum;
        }
    }

    /// <summary>Scores at <paramref name="x"/> into <paramref name="z"/>; returns F there.</summary>
    private double Scores(ReadOnlySpan<double> x, Span<double> z)
    {
        Product(x, z);
        double loss = 0;
        for (int i = 0; i < _n; i++) loss += _a[i] * default(MultinomialLogisticLoss).Value(_y[i], z.Slice(i * _k, _k));
        return loss + 0.5 * _mu * Vec.Dot(x[.._weights], x[.._weights]);
    }

    /// <summary>∇F, the probabilities and the Jacobi preconditioner at the current point.</summary>
    private void Gradient()
    {
        int k = _k;
        for (int i = 0; i < _n; i++)
        {
            Span<double> pi = _pi.AsSpan(i * k, k), t = _t.AsSpan(i * k, k);
            default(MultinomialLogisticLoss).ValueAndGradient(_y[i], _z.AsSpan(i * k, k), t);
            for (int c = 0; c < k; c++) pi[c] = t[c] + (c == _y[i] ? 1 : 0);
            for (int c = 0; c < k; c++) t[c] *= _a[i];
        }
        TransposedProduct(_t, _x, _g);
        _gradients++;

        for (int i = 0; i < _n; i++)
            for (int c = 0; c < k; c++) _t[i * k + c] = _a[i] * _pi[i * k + c] * (1 - _pi[i * k + c]);
        WeightedColumnSquares();
        if (_intercept)
            for (int c = 0; c < k; c++)
            {
                double h = 0;
                for (int i = 0; i < _n; i++) h += _t[i * k + c];
                _m[_weights + c] = h;
            }
        double scale = 0;
        for (int j = 0; j < _dim; j++) scale = Math.Max(scale, _m[j]);
        if (!(scale > 0) || !double.IsFinite(scale)) scale = 1;
        for (int j = 0; j < _dim; j++)
            if (!(_m[j] >= 1e-12 * scale)) _m[j] = scale;
    }

    /// <summary>M_{jc} = Σ_i t_ic x_ij² + μ (1 where the data give no entry access).</summary>
    private void WeightedColumnSquares()
    {
        int k = _k;
        Span<double> m = _m.AsSpan(0, _weights);
        m.Clear();
        switch (_data)
        {
            case CsrMatrix csr:
            {
                ReadOnlySpan<int> ptr = csr.RowPointers, idx = csr.ColumnIndices;
                ReadOnlySpan<double> val = csr.Values;
                for (int i = 0; i < _n; i++)
                    for (int e = ptr[i]; e < ptr[i + 1]; e++)
                        for (int c = 0; c < k; c++) m[idx[e] * k + c] += _t[i * k + c] * val[e] * val[e];
                break;
            }
            case CscMatrix csc:
            {
                ReadOnlySpan<int> ptr = csc.ColumnPointers, idx = csc.RowIndices;
                ReadOnlySpan<double> val = csc.Values;
                for (int j = 0; j < _p; j++)
                    for (int e = ptr[j]; e < ptr[j + 1]; e++)
                        for (int c = 0; c < k; c++) m[j * k + c] += _t[idx[e] * k + c] * val[e] * val[e];
                break;
            }
            case DenseMatrix dense:
            {
                ReadOnlySpan<double> v = dense.Values;
                bool rowMajor = dense.Layout == MatrixLayout.RowMajor;
                int ld = rowMajor ? dense.Columns : dense.Rows;
                for (int i = 0; i < _n; i++)
                    for (int j = 0; j < _p; j++)
                    {
                        double e = rowMajor ? v[i * ld + j] : v[j * ld + i];
                        for (int c = 0; c < k; c++) m[j * k + c] += _t[i * k + c] * e * e;
                    }
                break;
            }
            default:
                m.Fill(1);
                return;
        }
        for (int j = 0; j < _weights; j++) m[j] += _mu;
    }

    /// <summary>Hv at the current point.</summary>
    private void HessianTimes(ReadOnlySpan<double> v, Span<double> hv)
    {
        int k = _k;
        Product(v, _t);
        for (int i = 0; i < _n; i++)
        {
            Span<double> t = _t.AsSpan(i * k, k);
            ReadOnlySpan<double> pi = _pi.AsSpan(i * k, k);
            double mean = 0;
            for (int c = 0; c < k; c++) mean += pi[c] * t[c];
            for (int c = 0; c < k; c++) t[c] = _a[i] * pi[c] * (t[c] - mean);
        }
        TransposedProduct(_t, v, hv);
        _hessianProducts++;
    }

    private double NormM(ReadOnlySpan<double> v)
    {
        double s = 0;
        for (int j = 0; j < _dim; j++) s += _m[j] * v[j] * v[j];
        return Math.Sqrt(s);
    }

    public StepOutcome Step()
    {
        if (_nonFinite) return StepOutcome.NonFinite;
        if (_stalled) return StepOutcome.NoProgress;
        _steps++;
        double gNorm = 0;
        for (int j = 0; j < _dim; j++) gNorm += _g[j] * _g[j] / _m[j];
        gNorm = Math.Sqrt(gNorm);
        if (gNorm == 0) { _stalled = true; return StepOutcome.NoProgress; }
        if (double.IsNaN(_radius)) _radius = gNorm;

        ConjugateGradient(gNorm);
        double gs = Vec.Dot(_g, _s), predicted = -0.5 * (gs - Vec.Dot(_s, _r));
        for (int j = 0; j < _dim; j++) _trial[j] = _x[j] + _s[j];
        double fNew = Scores(_trial, _zTrial);
        _functions++;
        if (!double.IsFinite(fNew)) fNew = double.PositiveInfinity;
        double actual = _value - fNew, sNorm = NormM(_s);
        if (_steps == 1) _radius = Math.Min(_radius, sNorm);

        double curvatureGap = fNew - _value - gs;
        double alpha = curvatureGap <= 0 ? Sigma3 : Math.Max(Sigma1, -0.5 * (gs / curvatureGap));
        if (!double.IsFinite(alpha)) alpha = Sigma1;
        if (actual < Eta0 * predicted) _radius = Math.Min(Math.Max(alpha, Sigma1) * sNorm, Sigma2 * _radius);
        else if (actual < Eta1 * predicted) _radius = Math.Max(Sigma1 * _radius, Math.Min(alpha * sNorm, Sigma2 * _radius));
        else if (actual < Eta2 * predicted) _radius = Math.Max(Sigma1 * _radius, Math.Min(alpha * sNorm, Sigma3 * _radius));
        else _radius = Math.Max(_radius, Math.Min(alpha * sNorm, Sigma3 * _radius));

        if (predicted > 0 && actual > Eta0 * predicted && double.IsFinite(fNew))
        {
            _trial.CopyTo(_x, 0);
            _zTrial.CopyTo(_z, 0);
            _value = fNew;
            _moves++;
            Gradient();
            return Vec.AllFinite(_g) ? StepOutcome.Continue : StepOutcome.NonFinite;
        }
        if (!(predicted > 1e-16 * Math.Abs(_value)) || _radius <= 1e-16 * Math.Max(1, NormM(_x))) _stalled = true;
        return StepOutcome.Continue;
    }

    /// <summary>Preconditioned conjugate gradients on H s = −g inside ‖s‖_M ≤ radius (Steihaug); leaves s and r = −g − Hs.</summary>
    private void ConjugateGradient(double gNorm)
    {
        Array.Clear(_s);
        for (int j = 0; j < _dim; j++) _r[j] = -_g[j];
        for (int j = 0; j < _dim; j++) _d[j] = _r[j] / _m[j];
        double rz = 0;
        for (int j = 0; j < _dim; j++) rz += _r[j] * _d[j];
        double stop = _options.ConjugateGradientTolerance * gNorm;
        for (int it = 0; it < _options.MaxConjugateGradientIterations; it++)
        {
            if (Math.Sqrt(Math.Max(rz, 0)) <= stop) return;
            HessianTimes(_d, _hd);
            double dHd = Vec.Dot(_d, _hd);
            if (!(dHd > 0)) { ToBoundary(); return; }
            double step = rz / dHd, next = 0;
            for (int j = 0; j < _dim; j++)
            {
                double v = _s[j] + step * _d[j];
                next += _m[j] * v * v;
            }
            if (Math.Sqrt(next) > _radius) { ToBoundary(); return; }
            for (int j = 0; j < _dim; j++)
            {
                _s[j] += step * _d[j];
                _r[j] -= step * _hd[j];
            }
            double rzNew = 0;
            for (int j = 0; j < _dim; j++) rzNew += _r[j] * _r[j] / _m[j];
            double beta = rzNew / rz;
            for (int j = 0; j < _dim; j++) _d[j] = _r[j] / _m[j] + beta * _d[j];
            rz = rzNew;
        }
    }

    /// <summary>τ ≥ 0 with ‖s + τd‖_M = radius, then s += τd and r −= τHd (Hd was formed for this d).</summary>
    private void ToBoundary()
    {
        double sd = 0, dd = 0, ss = 0;
        for (int j = 0; j < _dim; j++)
        {
            sd += _m[j] * _s[j] * _d[j];
            dd += _m[j] * _d[j] * _d[j];
            ss += _m[j] * _s[j] * _s[j];
        }
        double slack = Math.Max(_radius * _radius - ss, 0);
        double root = Math.Sqrt(sd * sd + dd * slack);
        double tau = sd >= 0 ? slack / (sd + root) : (root - sd) / dd;
        if (!double.IsFinite(tau) || dd == 0) tau = 0;
        for (int j = 0; j < _dim; j++)
        {
            _s[j] += tau * _d[j];
            _r[j] -= tau * _hd[j];
        }
    }

    public bool HasConverged(double tolerance)
    {
        if (_nonFinite) return false;
        Criterion = ProximalGradientState.RelativeGap(DualityGap(), _value);
        return Criterion <= tolerance;
    }

    public double Objective() => _f.TotalValue(_x);

    /// <remarks>Not again at a point already checked.</remarks>
    public double DualityGap()
    {
        if (_checkedAt != _moves) (_checkedGap, _checkedAt) = (_f.DualityGap(_x), _moves);
        return _checkedGap;
    }

    public SolverResult ToResult(LoopOutcome outcome) => new()
    {
        Solution = _x.ToArray(),
        Objective = Objective(),
        Iterations = outcome.Iterations,
        StopReason = outcome.StopReason,
        Criterion = Criterion,
        DualityGap = DualityGap(),
        Counts = Counts,
        Elapsed = outcome.Elapsed,
        Trace = outcome.Trace,
    };
}
