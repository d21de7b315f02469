namespace OptSuite.Objectives.Survival;

/// <summary>
/// The Cox proportional-hazards loss L(η) = −(1/Σw) ℓ(η): the weighted partial log-likelihood of right-censored survival
/// times, negated and divided by the total sample weight — glmnet's family = "cox" normalisation (its coefficients satisfy
/// (1/Σw)·Xᵀ∇ℓ = λ∂P, checked on CoxExample), with glmnet's Breslow ties or survival::coxph's Efron ties.
/// </summary>
/// <remarks>
/// <para>With distinct event times τ_k, D_k the events at τ_k (weights w_i, m_k of them), R_k = {i : t_i ≥ τ_k} and
/// S_k = Σ_{R_k} w_i e^{η_i}: Breslow ℓ = Σ_k [Σ_{D_k} w_i η_i − d_k log S_k] with d_k = Σ_{D_k} w_i; Efron
/// ℓ = Σ_k [Σ_{D_k} w_i η_i − (d_k/m_k) Σ_{r=0}^{m_k−1} log(S_k − (r/m_k) E_k)] with E_k = Σ_{D_k} w_i e^{η_i} (survival's
/// weighted Efron: the mean weight of the tied events times each of the m_k terms).</para>
/// <para>The times are sorted once, here; the value, gradient and Hessian diagonal then cost O(n): S_k by a cumulative sum
/// from the latest time, and ∂L/∂η_i = (a_i Σ_{k: τ_k ≤ t_i} c_k/S_k − δ_i w_i)/Σw (a_i = w_i e^{η_i}) by a cumulative
/// sum from the earliest. Every exponential is taken of η_i − max η, so large predictors do not overflow (the shift
/// cancels in the ratios; it is added back to log S_k).</para>
/// </remarks>
public sealed class CoxPartialLikelihood : IPredictorLoss
{
    private readonly int[] _order;          // sample indices by increasing time
    private readonly int[] _blockEnd;       // end (exclusive, in _order) of each block of equal times
    private readonly double[] _eventWeight; // d_k of each block (0 when it holds no event of positive weight)
    private readonly int[] _eventCount;     // m_k of each block
    private readonly double[] _w;
    private readonly bool[] _event;
    private readonly double _totalWeight;
    private readonly double[] _risk;        // S_k per block
    private readonly double[] _tied;        // E_k per block (Efron)

    /// <summary>Builds the loss; the inputs are checked and copied.</summary>
    /// <param name="time">n survival or censoring times, finite and &gt; 0.</param>
    /// <param name="status">n indicators: 1 for an event, 0 for censoring; at least one event of positive weight.</param>
    /// <param name="sampleWeight">Optional n weights ≥ 0 with a positive sum (glmnet's <c>weights</c>); ones when empty.</param>
    /// <param name="ties">Breslow (default, glmnet) or Efron.</param>
    public CoxPartialLikelihood(ReadOnlySpan<double> time, ReadOnlySpan<int> status, ReadOnlySpan<double> sampleWeight = default, CoxTies ties = CoxTies.Breslow)
    {
        int n = time.Length;
        if (n == 0) throw new ArgumentException("There are no samples.", nameof(time));
        if (status.Length != n) throw new ArgumentException($"status has {status.Length} values for {n} times.", nameof(status));
        if (!sampleWeight.IsEmpty && sampleWeight.Length != n)
            throw new ArgumentException($"sampleWeight has {sampleWeight.Length} values for {n} times.", nameof(sampleWeight));
        if (!Enum.IsDefined(ties)) throw new ArgumentOutOfRangeException(nameof(ties), ties, "Not a CoxTies value.");
        Ties = ties;
        _w = new double[n];
        _event = new bool[n];
        var t = new double[n];
        double total = 0, events = 0;
        for (int i = 0; i < n; i++)
        {
            if (!(time[i] > 0 && double.IsFinite(time[i])))
                throw new ArgumentException($"time[{i}] = {time[i]}; survival times must be finite and > 0.", nameof(time));
            if (status[i] is not (0 or 1))
                throw new ArgumentException($"status[{i}] = {status[i]}; the status must be 1 (event) or 0 (censored).", nameof(status));
            double wi = sampleWeight.IsEmpty ? 1.0 : sampleWeight[i];
            if (!(wi >= 0 && double.IsFinite(wi)))
                throw new ArgumentException($"sampleWeight[{i}] = {wi}; weights must be finite and ≥ 0.", nameof(sampleWeight));
            t[i] = time[i];
            _w[i] = wi;
            _event[i] = status[i] == 1;
            total += wi;
            if (_event[i]) events += wi;
        }
        if (!(total > 0)) throw new ArgumentException("The sample weights sum to 0.", nameof(sampleWeight));
        if (!(events > 0))
            throw new ArgumentException("Every sample is censored (or every event has weight 0): the partial likelihood is constant.", nameof(status));
        _totalWeight = total;
        _order = new int[n];
        for (int i = 0; i < n; i++) _order[i] = i;
        Array.Sort(t, _order);   // t is a copy: sorted with the indices
        var ends = new List<int>();
        for (int k = 1; k <= n; k++)
            if (k == n || t[k] != t[k - 1]) ends.Add(k);
        _blockEnd = [.. ends];
        _eventWeight = new double[_blockEnd.Length];
        _eventCount = new int[_blockEnd.Length];
        for (int b = 0, k = 0; b < _blockEnd.Length; b++)
            for (; k < _blockEnd[b]; k++)
            {
                int i = _order[k];
                if (_event[i] && _w[i] > 0)
                {
                    _eventWeight[b] += _w[i];
                    _eventCount[b]++;
                }
            }
        _risk = new double[_blockEnd.Length];
        _tied = new double[_blockEnd.Length];
    }

    /// <inheritdoc/>
    public int Samples => _w.Length;

    /// <summary>The tie method.</summary>
    public CoxTies Ties { get; }

    /// <summary>Σw, the normaliser.</summary>
    public double TotalWeight => _totalWeight;

    /// <summary>Whether the data have several events at one time (where Breslow and Efron differ).</summary>
    public bool HasTiedEvents => _eventCount.Any(m => m > 1);

    /// <summary>The saturated log-likelihood −Σ_k d_k log d_k over the distinct event times (d_k their event weight), the
    /// reference of glmnet's Cox deviance 2(ℓ_sat − ℓ(η)) (coxnet.deviance).</summary>
    public double SaturatedLogLikelihood
    {
        get
        {
            double s = 0;
            foreach (double d in _eventWeight)
                if (d > 0) s -= d * Math.Log(d);
            return s;
        }
    }

    /// <summary>The weighted partial log-likelihood ℓ(η) itself (not normalised; survival::coxph's loglik).</summary>
    /// <param name="eta">The linear predictor.</param>
    public double LogLikelihood(ReadOnlySpan<double> eta) => -Evaluate(eta, default, default) * _totalWeight;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> eta) => Evaluate(eta, default, default);

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> eta, Span<double> gradient)
    {
        CheckLength(gradient.Length, nameof(gradient));
        return Evaluate(eta, gradient, default);
    }

    /// <inheritdoc/>
    public double ValueGradientHessianDiagonal(ReadOnlySpan<double> eta, Span<double> gradient, Span<double> hessianDiagonal)
    {
        CheckLength(gradient.Length, nameof(gradient));
        CheckLength(hessianDiagonal.Length, nameof(hessianDiagonal));
        return Evaluate(eta, gradient, hessianDiagonal);
    }

    private void CheckLength(int length, string name)
    {
        if (length != _w.Length) throw new ArgumentException($"{name} has length {length}; the loss has {_w.Length} samples.", name);
    }

    private double Evaluate(ReadOnlySpan<double> eta, Span<double> gradient, Span<double> hessian)
    {
        int n = _w.Length;
        if (eta.Length != n) throw new ArgumentException($"eta has length {eta.Length}; the loss has {n} samples.", nameof(eta));
        double shift = double.NegativeInfinity, linear = 0;
        for (int i = 0; i < n; i++)
        {
            if (_w[i] > 0 && eta[i] > shift) shift = eta[i];
            if (_event[i]) linear += _w[i] * eta[i];
        }
        if (!double.IsFinite(shift) || !double.IsFinite(linear)) return double.NaN;
        bool efron = Ties == CoxTies.Efron;

        // S_k (and E_k) from the latest block backwards.
        double s = 0;
        for (int b = _blockEnd.Length - 1; b >= 0; b--)
        {
            double e = 0;
            for (int k = b == 0 ? 0 : _blockEnd[b - 1]; k < _blockEnd[b]; k++)
            {
                int i = _order[k];
                double a = _w[i] * Math.Exp(eta[i] - shift);
                s += a;
                if (_event[i]) e += a;
            }
            _risk[b] = s;
            _tied[b] = e;
        }

        double logSum = 0;
        double cumA = 0, cumB = 0;   // Σ over earlier blocks of c/S and c/S² (Efron: the per-block sums over r)
        bool derivatives = !gradient.IsEmpty;
        for (int b = 0; b < _blockEnd.Length; b++)
        {
            double d = _eventWeight[b];
            double ownA = 0, ownB = 0, eventA = 0, eventB = 0;
            if (d > 0)
            {
                int m = _eventCount[b];
                if (!efron || m == 1)
                {
                    double sk = _risk[b];
                    logSum += d * (Math.Log(sk) + shift);
                    ownA = eventA = d / sk;
                    ownB = eventB = d / (sk * sk);
                }
                else
                {
                    double mean = d / m;
                    for (int r = 0; r < m; r++)
                    {
                        double f = (double)r / m, den = _risk[b] - f * _tied[b];
                        logSum += mean * (Math.Log(den) + shift);
                        ownA += mean / den;
                        ownB += mean / (den * den);
                        eventA += mean * (1 - f) / den;
                        eventB += mean * (1 - f) * (1 - f) / (den * den);
                    }
                }
            }
            if (derivatives)
                for (int k = b == 0 ? 0 : _blockEnd[b - 1]; k < _blockEnd[b]; k++)
                {
                    int i = _order[k];
                    double a = _w[i] * Math.Exp(eta[i] - shift);
                    bool ev = _event[i];
                    double sa = cumA + (ev ? eventA : ownA), sb = cumB + (ev ? eventB : ownB);
                    gradient[i] = (a * sa - (ev ? _w[i] : 0)) / _totalWeight;
                    if (!hessian.IsEmpty) hessian[i] = Math.Max(0, a * sa - a * a * sb) / _totalWeight;
                }
            cumA += ownA;
            cumB += ownB;
        }
        return (logSum - linear) / _totalWeight;
    }
}
