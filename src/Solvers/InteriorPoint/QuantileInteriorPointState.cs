using OptSuite.LinearAlgebra;

namespace OptSuite.Solvers;

/// <summary>
/// The iterate and buffers of <see cref="QuantileInteriorPoint"/> (see there for the formulation), and one Mehrotra
/// predictor–corrector iteration. Everything is scaled by n (weights ω_i = n·a_i of mean 1, penalties n·λ) so the box
/// widths are O(1); objectives and gaps are divided by n on the way out.
/// </summary>
internal sealed partial class QuantileInteriorPointState : ISolverState
{
    private readonly ILinearMap _x;
    private readonly WeightedGram _gram;
    private readonly QuantileInteriorPointOptions _options;
    private readonly int _n, _p, _q;
    private readonly bool _intercept;
    private readonly double _tau, _mu;
    private readonly double[] _y, _omega, _lambda;   // labels; ω_i = n·a_i; n·λ_j (0: feature not L1-penalised)
    private readonly int _pairs;                      // complementarity pairs (rows with ω > 0, penalised features)

    // Iterate: x = (w, b); data rows z, s⁺, s⁻; penalty rows (one per penalised feature) zp, sp⁺, sp⁻.
    private readonly double[] _xv, _z, _sPlus, _sMinus, _zp, _spPlus, _spMinus;
    // Directions (final, and the affine ones kept for the corrector's second-order terms).
    private readonly double[] _dx, _dz, _dsPlus, _dsMinus, _dzp, _dspPlus, _dspMinus;
    private readonly double[] _dzA, _dsPlusA, _dsMinusA, _dzpA, _dspPlusA, _dspMinusA;
    // Work: Xw, XΔw, residual r̃ = y − Xw − b, D⁻¹ (data, penalty), right-hand sides, Xᵀz.
    private readonly double[] _xw, _xdw, _res, _invD, _invDp, _diagE, _rhs, _g, _xtz;
    private readonly double[] _backup;                // x before zeroing inactive coefficients

    private int _factorizations, _certificates, _stalled, _sinceImprovement;
    private bool _factored;
    private double _best = double.PositiveInfinity, _bestComplementarity = double.PositiveInfinity;

    public QuantileInteriorPointState(ILinearMap x, ReadOnlySpan<double> labels, ReadOnlySpan<double> weights, double tau,
        ReadOnlySpan<double> l1, double ridge, bool intercept, ReadOnlySpan<double> x0, QuantileInteriorPointOptions options)
    {
        options.Validate();
        _x = x;
        _options = options;
        _n = x.Rows;
        _p = x.Columns;
        _q = _p + (intercept ? 1 : 0);
        _intercept = intercept;
        _tau = tau;
        _mu = _n * ridge;
        _y = labels.ToArray();
        _omega = new double[_n];
        for (int i = 0; i < _n; i++) _omega[i] = weights.IsEmpty ? 1.0 : _n * weights[i];
        _lambda = new double[_p];
        for (int j = 0; j < l1.Length; j++) _lambda[j] = _n * l1[j];
        for (int i = 0; i < _n; i++) if (_omega[i] > 0) _pairs++;
        for (int j = 0; j < _p; j++) if (_lambda[j] > 0) _pairs++;
        _gram = new WeightedGram(x, intercept);

        _xv = new double[_q]; _dx = new double[_q]; _backup = new double[_q]; _diagE = new double[_q]; _rhs = new double[_q];
        _z = new double[_n]; _sPlus = new double[_n]; _sMinus = new double[_n];
        _dz = new double[_n]; _dsPlus = new double[_n]; _dsMinus = new double[_n];
        _dzA = new double[_n]; _dsPlusA = new double[_n]; _dsMinusA = new double[_n];
        _xw = new double[_n]; _xdw = new double[_n]; _res = new double[_n]; _invD = new double[_n]; _g = new double[_n];
        _zp = new double[_p]; _spPlus = new double[_p]; _spMinus = new double[_p];
        _dzp = new double[_p]; _dspPlus = new double[_p]; _dspMinus = new double[_p];
        _dzpA = new double[_p]; _dspPlusA = new double[_p]; _dspMinusA = new double[_p];
        _invDp = new double[_p]; _xtz = new double[_p];
        Start(x0);
    }

    public double Criterion { get; private set; } = double.PositiveInfinity;

    public EvaluationCounts Counts => new(_certificates, _factorizations, 0);

    private double B => _intercept ? _xv[_p] : 0.0;

    /// <summary>
    /// x = x0, or w = 0 and b the weighted τ-quantile of y; z at the centre of its box; s± the residual's positive and
    /// negative parts plus a common margin (the mean absolute residual), so every pair starts with a comparable product.
    /// </summary>
    private void Start(ReadOnlySpan<double> x0)
    {
        if (!x0.IsEmpty) x0.CopyTo(_xv);
        _x.Apply(_xv.AsSpan(0, _p), _xw);
        if (x0.IsEmpty && _intercept) _xv[_p] = WeightedQuantile(_y, _omega, _tau);
        Residuals();
        double mean = 0, scale = 0;
        for (int i = 0; i < _n; i++) { mean += Math.Abs(_res[i]); scale = Math.Max(scale, Math.Abs(_y[i])); }
        double margin = Math.Max(mean / _n, 1e-8 * (1 + scale));
        for (int i = 0; i < _n; i++)
        {
            _z[i] = _omega[i] * (_tau - 0.5);
            _sPlus[i] = Math.Max(_res[i], 0) + margin;
            _sMinus[i] = Math.Max(-_res[i], 0) + margin;
        }
        for (int j = 0; j < _p; j++)
        {
            if (_lambda[j] == 0) continue;
            double m = 0.5 * margin / _lambda[j];
            _spPlus[j] = Math.Max(-_xv[j], 0) + m;
            _spMinus[j] = Math.Max(_xv[j], 0) + m;
        }
    }

    private static double WeightedQuantile(double[] y, double[] omega, double tau)
    {
        var order = new int[y.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) => y[a].CompareTo(y[b]));
        double total = 0;
        foreach (double w in omega) total += w;
        double cumulative = 0;
        foreach (int i in order)
        {
            cumulative += omega[i];
            if (cumulative >= tau * total) return y[i];
        }
        return y[order[^1]];
    }

    private void Residuals()
    {
        double b = B;
        for (int i = 0; i < _n; i++) _res[i] = _y[i] - _xw[i] - b;
    }

    public StepOutcome Step()
    {
        if (_stalled >= 3 || _sinceImprovement >= 12) return StepOutcome.NoProgress;
        Residuals();
        double gap = 0;
        for (int i = 0; i < _n; i++)
        {
            if (_omega[i] == 0) { _invD[i] = 0; continue; }
            double up = _omega[i] * _tau - _z[i], low = _z[i] - _omega[i] * (_tau - 1);
            _invD[i] = 1.0 / (_sPlus[i] / up + _sMinus[i] / low);
            gap += _sPlus[i] * up + _sMinus[i] * low;
        }
        Array.Clear(_diagE);
        for (int j = 0; j < _p; j++)
        {
            _diagE[j] = _mu;
            if (_lambda[j] == 0) { _invDp[j] = 0; continue; }
            double up = _lambda[j] - _zp[j], low = _zp[j] + _lambda[j];
            _invDp[j] = 1.0 / (_spPlus[j] / up + _spMinus[j] / low);
            _diagE[j] += _invDp[j];
            gap += _spPlus[j] * up + _spMinus[j] * low;
        }
        // Progress is a better certificate or a smaller complementarity gap. The certificate alone is not enough: far
        // from the optimum, the feasible dual point built from an infeasible z can be poor for many iterations (a ridge
        // term with raw-scale features: cpusmall, τ = 0.3, elastic net, criterion ≥ 1 for the first 12 iterations of
        // 21). Below the rounding level of F, the complementarity no longer counts.
        if (gap < 0.9 * _bestComplementarity && !(gap <= 1e-15 * Math.Abs(_primal)))
        {
            _bestComplementarity = gap;
            _sinceImprovement = 0;
        }
        _factored = _gram.Factor(_invD, _diagE);
        _factorizations++;
        if (!_factored) return StepOutcome.NoProgress;
        double nu = gap / (2.0 * _pairs);

        // Dual residual parts that do not change within the iteration: Xᵀz.
        _x.ApplyTranspose(_z, _xtz);

        // Predictor (affine scaling): c± = 0.
        Direction(0, affine: true);
        if (!AllFinite()) return StepOutcome.NonFinite;
        (double ap, double ad) = StepLengths(1.0);
        double nuAffine = AffineComplementarity(ap, ad) / (2.0 * _pairs);
        double sigma = Math.Pow(Math.Clamp(nuAffine / nu, 0, 1), 3);
        SaveAffine();

        // Corrector: centring σν and Mehrotra's second-order term.
        Direction(sigma * nu, affine: false);
        if (!AllFinite()) return StepOutcome.NonFinite;
        (ap, ad) = StepLengths(_options.StepFraction);
        Update(ap, ad);
        _stalled = Math.Max(ap, ad) < 1e-10 ? _stalled + 1 : 0;
        return StepOutcome.Continue;
    }
}
