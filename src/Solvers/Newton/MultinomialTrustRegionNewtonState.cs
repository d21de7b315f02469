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
/// radius updates and Steihaug's (1983) truncated conjugate gradients: the <see cref="TrustRegion"/> iteration the
/// single-output state uses too. The curvature
/// makes the method indifferent to the scale of the features and to columns whose means dwarf their spread, where
/// L-BFGS crawls (raw vehicle silhouettes: 10⁴ L-BFGS iterations left a relative gap of 1.6).
/// </remarks>
internal sealed class MultinomialTrustRegionNewtonState : ISolverState, ITrustRegionModel
{
    private readonly MulticlassLinearObjective<MultinomialLogisticLoss, ZeroRegularizer> _f;
    private readonly ILinearMap _data;
    private readonly int _n, _p, _k, _dim, _weights;
    private readonly bool _intercept;
    private readonly double _mu, _mix;
    private readonly double[] _a;
    private readonly int[] _y;
    private readonly double[] _pi, _t;                 // n×k row-major
    private readonly double[] _column, _rows;          // p and n
    private readonly TrustRegion _region;
    private long _checkedAt = -1;
    private double _checkedGap;

    public MultinomialTrustRegionNewtonState(MulticlassLinearObjective<MultinomialLogisticLoss, ZeroRegularizer> objective,
        ReadOnlySpan<double> x0, TrustRegionNewtonOptions options)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _f = objective;
        _data = objective.Data;
        _n = objective.Samples;
        _p = objective.Features;
        _k = objective.Classes;
        _weights = _p * _k;
        _dim = objective.Dimension;
        _intercept = objective.FitIntercept;
        _mu = objective.Ridge;
        _mix = options.PreconditionerWeight;
        _a = objective.SampleWeights.IsEmpty ? Enumerable.Repeat(1.0 / _n, _n).ToArray() : objective.SampleWeights.ToArray();
        _y = objective.Labels.ToArray();
        _pi = new double[_n * _k];
        _t = new double[_n * _k];
        _column = new double[_p];
        _rows = new double[_n];
        _region = new TrustRegion(this, StartingPoint.Copy(x0, _dim), _n * _k, options);
    }

    public double Criterion { get; private set; } = double.PositiveInfinity;

    public EvaluationCounts Counts => new(_region.Functions, _region.Gradients + _region.HessianProducts, 0);

    public StepOutcome Step() => _region.Step();

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
    double ITrustRegionModel.Scores(ReadOnlySpan<double> x, Span<double> z)
    {
        Product(x, z);
        double loss = 0;
        for (int i = 0; i < _n; i++) loss += _a[i] * default(MultinomialLogisticLoss).Value(_y[i], z.Slice(i * _k, _k));
        return loss + 0.5 * _mu * Vec.Dot(x[.._weights], x[.._weights]);
    }

    /// <summary>∇F, the probabilities and the Jacobi preconditioner at (x, z).</summary>
    void ITrustRegionModel.Gradient(ReadOnlySpan<double> x, ReadOnlySpan<double> z, Span<double> g, Span<double> m)
    {
        int k = _k;
        for (int i = 0; i < _n; i++)
        {
            Span<double> pi = _pi.AsSpan(i * k, k), t = _t.AsSpan(i * k, k);
            default(MultinomialLogisticLoss).ValueAndGradient(_y[i], z.Slice(i * k, k), t);
            for (int c = 0; c < k; c++) pi[c] = t[c] + (c == _y[i] ? 1 : 0);
            for (int c = 0; c < k; c++) t[c] *= _a[i];
        }
        TransposedProduct(_t, x, g);

        for (int i = 0; i < _n; i++)
            for (int c = 0; c < k; c++) _t[i * k + c] = _a[i] * _pi[i * k + c] * (1 - _pi[i * k + c]);
        if (TrustRegion.WeightedColumnSquares(_data, _t, k, m))
            TrustRegion.MixPreconditioner(m[.._weights], _mu, _mu, _mix);
        else m[.._weights].Fill(1);
        if (_intercept)
            for (int c = 0; c < k; c++)
            {
                double h = 0;
                for (int i = 0; i < _n; i++) h += _t[i * k + c];
                m[_weights + c] = TrustRegion.Mixed(h, 0, _mu, _mix);
            }
    }

    /// <summary>Hv at the point of the last gradient.</summary>
    void ITrustRegionModel.HessianTimes(ReadOnlySpan<double> v, Span<double> hv)
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
    }

    public bool HasConverged(double tolerance)
    {
        if (_region.NonFinite) return false;
        Criterion = ProximalGradientState.RelativeGap(DualityGap(), _region.Value);
        return Criterion <= tolerance;
    }

    public double Objective() => _f.TotalValue(_region.X);

    /// <remarks>Not again at a point already checked.</remarks>
    public double DualityGap()
    {
        if (_checkedAt != _region.Moves) (_checkedGap, _checkedAt) = (_f.DualityGap(_region.X), _region.Moves);
        return _checkedGap;
    }

    public SolverResult ToResult(LoopOutcome outcome) =>
        outcome.ToResult(_region.X.ToArray(), Objective(), Criterion, DualityGap(), Counts);
}
